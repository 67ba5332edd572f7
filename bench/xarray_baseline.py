"""Baseline: the same archive through xarray.open_mfdataset + dask to_zarr (map chunks of 10 days)."""
import glob
import os
import resource
import shutil
import sys
import time

import xarray as xr

data, days, store = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(glob.glob(os.path.join(data, "*.nc")))[:days]
src = sum(os.path.getsize(f) for f in files)
shutil.rmtree(store, ignore_errors=True)
t0 = time.time()
ds = xr.open_mfdataset(files, combine="nested", concat_dim="time", data_vars="minimal", coords="minimal",
                       compat="override")
ds = ds.chunk({"time": 10})
for v in ds.variables.values():
    v.encoding.pop("chunks", None)
    v.encoding.pop("preferred_chunks", None)
ds.to_zarr(store, mode="w", consolidated=True)
t = time.time() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("%-14s %4d files  %7.1f MB source  %6.1f s  %6.1f MB/s  peak RSS %6.0f MB" % ("xarray+dask", len(files), src / 1e6, t, src / 1e6 / t, peak))
