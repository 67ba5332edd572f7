"""The peer of bench/kinds.sh: one archive kind through xarray.open_mfdataset + dask to_zarr, 2 threads.

    xarray_kinds.py KIND DIR STORE

Same inputs and target chunks as the ARCO Forge recipe of the kind; zarr's default compressor.
Prints one line `xarray KIND compute S s` (open to store written, without Python start and imports).
"""
import glob
import os
import shutil
import sys
import time

import dask
import xarray as xr

CHUNKS = {
    "nc3": {"time": 30},
    "merge": {"time": 16},
    "large": {"time": 10},
    "noleap": {"time": 62, "lat": 40, "lon": 30},
    "tiny": {"time": 100},
}


def main():
    kind, data, store = sys.argv[1], sys.argv[2], sys.argv[3]
    dask.config.set(scheduler="threads", num_workers=2)
    shutil.rmtree(store, ignore_errors=True)
    t0 = time.time()
    opts = dict(combine="nested", concat_dim="time", data_vars="minimal", coords="minimal", compat="override")
    if kind == "merge":
        parts = [xr.open_mfdataset(sorted(glob.glob(os.path.join(data, v + "_*.nc"))), **opts) for v in ("u", "v")]
        ds = xr.merge(parts, compat="override")
    else:
        ds = xr.open_mfdataset(sorted(glob.glob(os.path.join(data, "*.nc"))), **opts)
    ds = ds.chunk(CHUNKS[kind])
    for v in ds.variables.values():
        v.encoding.pop("chunks", None)
        v.encoding.pop("preferred_chunks", None)
    ds.to_zarr(store, mode="w", consolidated=True)
    print("xarray %s compute %.3f s" % (kind, time.time() - t0))


if __name__ == "__main__":
    main()
