"""Prints, as JSON, what netCDF4-python shows of a file, raw (no masking or scaling).

Usage: nc_dump_json.py FILE [READS_JSON]
READS_JSON is a list of [variable, start, count]; each read's values come back flat, in C order.
"""
import json
import sys

import netCDF4
import numpy as np


def attr(value):
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, bytes):
        return {"type": "str", "value": value.decode("utf-8")}
    arr = np.asarray(value)
    if arr.dtype.kind in "OU":
        return {"type": "str", "value": [str(v) for v in arr.ravel()]}
    if arr.ndim == 0 or arr.size == 1:
        return {"type": arr.dtype.name, "value": arr.ravel()[0].item()}
    return {"type": arr.dtype.name, "value": arr.tolist()}


def main():
    ds = netCDF4.Dataset(sys.argv[1])
    ds.set_auto_maskandscale(False)
    out = {
        "data_model": ds.data_model,
        "dimensions": [[n, len(d), d.isunlimited()] for n, d in ds.dimensions.items()],
        "attributes": {k: attr(ds.getncattr(k)) for k in ds.ncattrs()},
        "variables": [],
        "reads": [],
    }
    for name, v in ds.variables.items():
        out["variables"].append({
            "name": name,
            "dims": list(v.dimensions),
            "shape": list(v.shape),
            "dtype": "char" if v.dtype == np.dtype("S1") else np.dtype(v.dtype).name,
            "attributes": {k: attr(v.getncattr(k)) for k in v.ncattrs()},
            "chunking": v.chunking() if ds.data_model == "NETCDF4" else None,
            "filters": v.filters() if ds.data_model == "NETCDF4" else None,
        })
    reads = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
    for name, start, count in reads:
        v = ds.variables[name]
        v.set_auto_chartostring(False)
        sl = tuple(slice(s, s + c) for s, c in zip(start, count))
        arr = np.asarray(v[sl] if sl else v[...])
        if arr.dtype.kind == "S":
            arr = arr.view("u1")
        out["reads"].append(arr.ravel().tolist())
    json.dump(out, sys.stdout)


main()
