"""Writes NetCDF-4 string variables and a string-array attribute with h5netcdf on HDF5 superblock 3 (read by jHDF).

Usage: make_h5_strings.py OUT.nc
"""
import sys, h5netcdf, h5py, numpy as np
with h5netcdf.File(sys.argv[1], "w", libver="latest") as f:
    f.dimensions = {"station": 3, "time": 2}
    f.attrs["keywords"] = np.array(["a", "Zürich"], dtype=h5py.string_dtype())
    v = f.create_variable("station_name", ("station",), dtype=h5py.string_dtype())
    v[:] = np.array(["Zürich", "", "Ålesund"], dtype=object)
    w = f.create_variable("flag", ("time", "station"), dtype=h5py.string_dtype())
    w[:] = np.array([["ok", "", "é"], ["a", "b", "c"]], dtype=object)
