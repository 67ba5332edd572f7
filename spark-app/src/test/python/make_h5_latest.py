"""Writes a NetCDF-4 file with h5netcdf on HDF5 superblock 3 (libver='latest'), which netcdf-java 4.5.5 cannot open.

Usage: make_h5_latest.py OUT.nc
"""
import sys

import h5netcdf
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(42)
nt, ny, nx = 5, 11, 13
with h5netcdf.File(out, "w", libver="latest") as f:
    f.dimensions = {"time": None, "lat": ny, "lon": nx, "nv": 2}
    f.attrs["title"] = "superblock 3 fixture"
    f.attrs["history"] = "line one\nline two"
    f.attrs["version"] = np.int32(3)
    f.attrs["weights"] = np.array([0.5, 0.25, 0.125], dtype="f8")
    t = f.create_variable("time", ("time",), "f8")
    f.resize_dimension("time", nt)
    t[:] = np.arange(nt) + 0.5
    t.attrs["units"] = "days since 2000-01-01"
    t.attrs["calendar"] = "standard"
    lat = f.create_variable("lat", ("lat",), "f4", data=np.linspace(-50, 50, ny).astype("f4"))
    lat.attrs["units"] = "degrees_north"
    lon = f.create_variable("lon", ("lon",), "f4", data=np.linspace(0, 360, nx, endpoint=False).astype("f4"))
    lon.attrs["units"] = "degrees_east"
    bnds = f.create_variable("lat_bnds", ("lat", "nv"), "f4")
    bnds[:] = np.stack([lat[:] - 4, lat[:] + 4], axis=1)
    temp = f.create_variable("temp", ("time", "lat", "lon"), "i2", chunks=(2, 4, 5),
                             compression="gzip", compression_opts=4, shuffle=True,
                             fillvalue=np.int16(-999))
    data = (rng.normal(15, 5, (nt, ny, nx)) * 100).astype("i2")
    data[:, 0, 0] = -999
    temp[:] = data
    temp.attrs["scale_factor"] = np.float32(0.01)
    temp.attrs["add_offset"] = np.float32(0)
    temp.attrs["valid_range"] = np.array([-3000, 5000], dtype="i2")
    temp.attrs["units"] = "degC"
    cnt = f.create_variable("count", ("lat", "lon"), "u2", chunks=(5, 5), fillvalue=np.uint16(65535))
    cnt[:] = rng.integers(0, 60000, (ny, nx)).astype("u2")
    cnt.attrs["valid_max"] = np.uint16(60000)
    flag = f.create_variable("flag", ("time", "lat", "lon"), "i1")
    flag[:] = rng.integers(-3, 3, (nt, ny, nx)).astype("i1")
    flag.attrs["flag_values"] = np.array([-3, 0, 2], dtype="i1")
    flag.attrs["flag_meanings"] = "low mid high"
