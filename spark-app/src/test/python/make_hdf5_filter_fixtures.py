"""NetCDF-4 (HDF5) files with filters beyond deflate and shuffle, written with h5netcdf (dimension scales).

usage: make_hdf5_filter_fixtures.py OUTDIR
OUTDIR/good/fl_{0,1,2}.nc: one day each; sst big-endian float32 (gzip + shuffle chunks), elev big-endian
  float32 contiguous, npix uint16 with fletcher32 + gzip + shuffle, chunks (1, 3, 4).
OUTDIR/corrupt/fl_{0,1,2}.nc: the same, one byte flipped inside chunk 2 of npix in fl_1.nc.
OUTDIR/filters/fl_{0,1,2}.nc: the same plus rain with lzf (id 32000) and so with scaleoffset (id 6).
OUTDIR/sb3.nc and sb3_corrupt.nc: as filters/fl_0.nc on HDF5 superblock 3 (jHDF), one byte of npix's chunk 1
  flipped in the corrupt copy.
OUTDIR/third_party.nc: filters/fl_0.nc with rain's filter id patched to 32123 (unknown to everyone).
OUTDIR/holes_sb3.nc: superblock 3, v int16 fletcher32 (no deflate: jHDF 0.13 fails on unwritten deflated chunks), only chunk [0, 0] written (fill value 7).
OUTDIR/nc4py.nc and OUTDIR/nc4py_corrupt.nc: netCDF4-python, whose pipeline puts fletcher32 first (v: int16,
  fletcher32 + shuffle, no deflate, chunks (4, 5); w: float32, fletcher32 + shuffle + zlib); one byte of v's chunk 1
  flipped in the corrupt copy.
Prints JSON {"npix_chunks": [[byte_offset, size], ...] of good/fl_0.nc, "flipped": [chunk, byte_offset]}.
"""
import json
import os
import shutil
import sys

import h5netcdf
import h5py
import netCDF4
import numpy as np

out = sys.argv[1]
Y, X = 6, 8


def write(path, day, extra, **kw):
    rng = np.random.default_rng(day)
    with h5netcdf.File(path, "w", invalid_netcdf=extra, **kw) as ds:
        ds.dimensions = {"time": None, "y": Y, "x": X}
        t = ds.create_variable("time", ("time",), "f8")
        t.attrs["units"] = "days since 2000-01-01"
        ds.resize_dimension("time", 1)
        t[:] = [day]
        y = ds.create_variable("y", ("y",), "f4")
        y[:] = np.linspace(-50, 50, Y)
        x = ds.create_variable("x", ("x",), "f4")
        x[:] = np.linspace(0, 350, X)
        sst = ds.create_variable("sst", ("time", "y", "x"), ">f4", chunks=(1, 3, 4), compression="gzip",
                                 shuffle=True)
        sst[...] = (rng.normal(15, 5, (1, Y, X))).astype(">f4")
        sst.attrs["units"] = "degC"
        elev = ds.create_variable("elev", ("y", "x"), ">f4")
        elev[...] = np.arange(Y * X, dtype=">f4").reshape(Y, X) * 1.5 - 7
        npix = ds.create_variable("npix", ("time", "y", "x"), "u2", chunks=(1, 3, 4), compression="gzip",
                                   shuffle=True, fletcher32=True)
        npix[...] = rng.integers(0, 65000, (1, Y, X), dtype="u2")
        if extra:
            rain = ds.create_variable("rain", ("time", "y", "x"), "f4", chunks=(1, 3, 4), compression="lzf")
            rain[...] = rng.random((1, Y, X), dtype="f4")
            so = ds.create_variable("so", ("time", "y", "x"), "i4", chunks=(1, 3, 4), scaleoffset=0)
            so[...] = rng.integers(0, 1000, (1, Y, X), dtype="i4")


for sub, extra in (("good", False), ("filters", True)):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
    for day in range(3):
        write(os.path.join(out, sub, "fl_%d.nc" % day), day, extra)

shutil.copytree(os.path.join(out, "good"), os.path.join(out, "corrupt"))
with h5py.File(os.path.join(out, "good", "fl_0.nc"), "r") as f:
    d = f["npix"]
    chunks = [[d.id.get_chunk_info(i).byte_offset, d.id.get_chunk_info(i).size] for i in range(d.id.get_num_chunks())]
victim = os.path.join(out, "corrupt", "fl_1.nc")
with h5py.File(victim, "r") as f:
    info = f["npix"].id.get_chunk_info(2)
    where = info.byte_offset + info.size // 2
with open(victim, "r+b") as f:
    f.seek(where)
    b = f.read(1)
    f.seek(where)
    f.write(bytes([b[0] ^ 0x5A]))
# HDF5 superblock 3 (read by jHDF): as filters/fl_0.nc; a copy with one byte of npix's chunk 1 flipped
sb3 = os.path.join(out, "sb3.nc")
write(sb3, 0, True, libver="latest")
shutil.copy(sb3, os.path.join(out, "sb3_corrupt.nc"))
with h5py.File(sb3, "r") as f:
    info = f["npix"].id.get_chunk_info(1)
with open(os.path.join(out, "sb3_corrupt.nc"), "r+b") as f:
    f.seek(info.byte_offset + 5)
    b = f.read(1)
    f.seek(info.byte_offset + 5)
    f.write(bytes([b[0] ^ 0x08]))

# a third-party filter id: filters/fl_0.nc with lzf's id (32000) patched to 32123 in the filter pipeline
# message (id, name length, flags, client values, then the name "lzf"; superblock 0 headers have no checksum)
with open(os.path.join(out, "filters", "fl_0.nc"), "rb") as f:
    data = bytearray(f.read())
at = data.find(b"lzf\0")
assert at > 8 and data[at - 8:at - 6] == (32000).to_bytes(2, "little"), "lzf filter message not found"
data[at - 8:at - 6] = (32123).to_bytes(2, "little")
with open(os.path.join(out, "third_party.nc"), "wb") as f:
    f.write(data)

# superblock 3, fletcher32 with chunks never written (they read as the fill value, 7)
with h5netcdf.File(os.path.join(out, "holes_sb3.nc"), "w", libver="latest") as ds:
    ds.dimensions = {"y": 6, "x": 8}
    v = ds.create_variable("v", ("y", "x"), "i2", chunks=(3, 4), fletcher32=True, fillvalue=7)
    v[0:3, 0:4] = np.arange(12, dtype="i2").reshape(3, 4)

nc4py = os.path.join(out, "nc4py.nc")
with netCDF4.Dataset(nc4py, "w") as ds:
    ds.createDimension("a", 8)
    ds.createDimension("b", 10)
    v = ds.createVariable("v", "i2", ("a", "b"), fletcher32=True, shuffle=True, chunksizes=(4, 5))
    v[:] = np.arange(80, dtype="i2").reshape(8, 10) * 37 - 1000
    w = ds.createVariable("w", "f4", ("a", "b"), fletcher32=True, shuffle=True, zlib=True, chunksizes=(4, 5))
    w[:] = np.arange(80, dtype="f4").reshape(8, 10) / 7
shutil.copy(nc4py, os.path.join(out, "nc4py_corrupt.nc"))
with h5py.File(nc4py, "r") as f:
    info = f["v"].id.get_chunk_info(1)
with open(os.path.join(out, "nc4py_corrupt.nc"), "r+b") as f:
    f.seek(info.byte_offset + 3)
    b = f.read(1)
    f.seek(info.byte_offset + 3)
    f.write(bytes([b[0] ^ 0x01]))
json.dump({"npix_chunks": chunks, "flipped": [2, where]}, sys.stdout)
