"""Writes an IMERG-like NetCDF-4 file with h5netcdf on HDF5 superblock 3 (read by jHDF): its grid in the
group /Grid, a dimension nv declared at the root and used in the group, and a nested group /Grid/sub
that shadows lat with a shorter one.

Usage: make_h5_latest_groups.py OUT.nc
"""
import sys

import h5netcdf
import numpy as np

out = sys.argv[1]
with h5netcdf.File(out, "w", libver="latest") as f:
    f.dimensions = {"nv": 2}
    f.attrs["FileHeader"] = "root attribute"
    f.create_variable("root_only", (), "i4", data=np.int32(7))
    g = f.create_group("Grid")
    g.dimensions = {"time": None, "lon": 8, "lat": 6}
    g.attrs["GridHeader"] = "BinMethod=ARITHMETIC_MEAN;"
    t = g.create_variable("time", ("time",), "i4")
    g.resize_dimension("time", 1)
    t[:] = [1000]
    t.attrs["units"] = "seconds since 1970-01-01 00:00:00 UTC"
    g.create_variable("lon", ("lon",), "f4", data=np.arange(8, dtype="f4") + 0.5)
    g.create_variable("lat", ("lat",), "f4", data=np.arange(6, dtype="f4") - 2.5)
    p = g.create_variable("precipitation", ("time", "lon", "lat"), "f4", chunks=(1, 4, 3),
                          compression="gzip", compression_opts=4, fillvalue=np.float32(-9999.9))
    p[:] = np.arange(48, dtype="f4").reshape(1, 8, 6) * 0.25
    p.attrs["units"] = "mm/hr"
    g.create_variable("lat_bnds", ("lat", "nv"), "f4", data=np.arange(12, dtype="f4").reshape(6, 2))
    s = g.create_group("sub")
    s.dimensions = {"lat": 3}
    s.create_variable("lat", ("lat",), "f4", data=np.array([1, 2, 3], dtype="f4"))
    s.create_variable("w", ("lat", "nv", "lon"), "i2", data=np.arange(48, dtype="i2").reshape(3, 2, 8))
