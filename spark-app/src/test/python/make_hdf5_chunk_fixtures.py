"""Tiny NetCDF-4 files covering HDF5 chunk storage cases, and h5py's view of their chunks.

usage: make_hdf5_chunk_fixtures.py OUTDIR
Writes OUTDIR/nc4.nc (netCDF4-python: every integer/float dtype with zlib 1 + shuffle, zlib 9,
chunked without compression, big-endian, unallocated chunks with and without _FillValue) and
OUTDIR/h5.nc (h5netcdf: shuffle without deflate, big-endian shuffle + deflate, fletcher32), then
prints JSON {file: {variable: [[chunk_offset..., filter_mask, byte_offset, size], ...]}}.
"""
import json
import os
import sys

import h5netcdf
import h5py
import netCDF4
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20240521)
DTYPES = ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "f4", "f8"]
T, Y, X = 7, 9, 11


def values(dt, shape):
    dt = np.dtype(dt)
    if dt.kind == "f":
        a = rng.normal(0, 100, shape).astype(dt)
        a.flat[::17] = np.nan
        return a
    info = np.iinfo(dt)
    a = rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)
    # long runs too, so deflate has something to do
    a[:, : Y // 2] = a[0, 0, 0]
    return a


nc4 = os.path.join(out, "nc4.nc")
with netCDF4.Dataset(nc4, "w", format="NETCDF4") as ds:
    ds.createDimension("t", None)
    ds.createDimension("y", Y)
    ds.createDimension("x", X)
    for dt in DTYPES:
        for name, kw in [
            ("z1s", dict(zlib=True, complevel=1, shuffle=True, chunksizes=(3, 4, 5))),
            ("z9", dict(zlib=True, complevel=9, shuffle=False, chunksizes=(2, 9, 4))),
            ("raw", dict(zlib=False, chunksizes=(4, 2, 11))),
            ("be", dict(zlib=True, complevel=4, shuffle=True, chunksizes=(5, 3, 3), endian="big")),
        ]:
            v = ds.createVariable(f"{name}_{dt}", dt, ("t", "y", "x"), **kw)
            v.set_auto_maskandscale(False)
            v[:] = values(dt, (T, Y, X))
    # Unallocated chunks: only part written; with and without _FillValue.
    for dt in ["i2", "f4", "u2"]:
        v = ds.createVariable(f"holes_{dt}", dt, ("t", "y", "x"), zlib=True, shuffle=True,
                              chunksizes=(2, 4, 4), fill_value=np.array(7, dt))
        v.set_auto_maskandscale(False)
        v[1:3, 0:4, 4:8] = values(dt, (2, 4, 4))
        v[6, 8, 10] = np.array(3, dt)
        w = ds.createVariable(f"holes_default_{dt}", dt, ("t", "y", "x"), zlib=False, chunksizes=(3, 3, 3))
        w.set_auto_maskandscale(False)
        w[0, 0:5, 0:5] = values(dt, (1, 5, 5))[0]
    nothing = ds.createVariable("never_written", "i4", ("y", "x"), chunksizes=(4, 4), zlib=True)
    one = ds.createVariable("one_d", "f8", ("t",), chunksizes=(3,), zlib=True, shuffle=True)
    one[:] = np.arange(T) * 0.5

h5 = os.path.join(out, "h5.nc")
with h5netcdf.File(h5, "w") as ds:
    ds.dimensions = {"y": Y, "x": X}
    for dt in ["i2", "i4", "f4", "f8", "u2"]:
        a = values(dt, (1, Y, X))[0]
        v = ds.create_variable(f"shuffle_only_{dt}", ("y", "x"), dt, chunks=(4, 6), shuffle=True)
        v[...] = a
        be = ">" + dt
        v = ds.create_variable(f"be_{dt}", ("y", "x"), be, chunks=(5, 5), shuffle=True, compression="gzip",
                               compression_opts=6)
        v[...] = a.astype(be)
    v = ds.create_variable("fletcher", ("y", "x"), "i4", chunks=(4, 4), fletcher32=True, compression="gzip")
    v[...] = values("i4", (1, Y, X))[0]

info = {}
for path in (nc4, h5):
    per = {}
    with h5py.File(path, "r") as f:
        for name, d in f.items():
            if not isinstance(d, h5py.Dataset) or d.chunks is None:
                continue
            chunks = []
            for i in range(d.id.get_num_chunks()):
                c = d.id.get_chunk_info(i)
                chunks.append(list(c.chunk_offset) + [c.filter_mask, c.byte_offset, c.size])
            per[name] = chunks
    info[os.path.basename(path)] = per
json.dump(info, sys.stdout)
