"""Independent check of an ARCO Forge store against its source files, with xarray and zarr-python.

Usage: /usr/bin/python3 compare_with_xarray.py SPEC.json
SPEC: {"store": path, "files": [[f00, f01, ...], [f10, ...]] (concat-major, merge inner),
       "concat_dim": "time" or null, "chunks": {var: [..]} (expected Zarr chunk shapes),
       "ignore_global_attrs": [...], "reencoded": [vars whose raw values were re-encoded],
       "drop_variables": [source variables the recipe drops, dropped from the sources too]}
Exits non-zero with the first difference found; prints "identical" otherwise.
"""
import json
import math
import sys

import numpy as np
import xarray as xr
import zarr


def fail(msg):
    print("DIFFERENCE: " + msg)
    sys.exit(1)


def open_sources(spec, **kw):
    if spec.get("drop_variables"):
        kw["drop_variables"] = spec["drop_variables"]
    files = spec["files"]
    concat = spec.get("concat_dim")
    merge = len(files[0]) > 1
    paths = files if merge else [row[0] for row in files]
    concat_dim = [concat, None] if merge else concat
    if concat is None:
        # merge only (or one file): one row
        paths = files[0] if merge else files[0][0]
        if merge:
            return xr.open_mfdataset(paths, combine="nested", concat_dim=[None], **kw)
        return xr.open_dataset(paths, **kw)
    return xr.open_mfdataset(paths, combine="nested", concat_dim=concat_dim, data_vars="minimal",
                             coords="minimal", compat="override", **kw)


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        if np.isscalar(a) and np.isscalar(b):
            return bool(a == b) or (np.issubdtype(type(a), np.floating) and np.isnan(a) and np.isnan(b))
        return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=np.asarray(a).dtype.kind == "f"))
    except TypeError:
        return a == b


def main():
    spec = json.load(open(sys.argv[1]))
    ignore = set(spec.get("ignore_global_attrs", []))
    src = open_sources(spec).load()
    dst = xr.open_zarr(spec["store"], consolidated=True).load()
    for k in ignore:
        if k not in dst.attrs:
            fail("store lacks provenance attribute %s" % k)
        dst.attrs.pop(k)
    try:
        xr.testing.assert_identical(src, dst)
    except AssertionError as e:
        fail("decoded datasets differ:\n" + str(e))

    # on-disk encoding as xarray reports it
    keys = ["dtype", "scale_factor", "add_offset", "_FillValue", "missing_value", "units", "calendar"]
    for name in src.variables:
        for k in keys:
            a = src[name].encoding.get(k)
            b = dst[name].encoding.get(k)
            if k == "dtype" and a is str and b == np.dtype(object):
                continue  # NetCDF-4 strings: xarray's own to_zarr/open_zarr round trip reports object too
            if (a is None) != (b is None) or (a is not None and not same(a, b)):
                fail("encoding %s of %s: sources %r, store %r" % (k, name, a, b))

    # raw stored values, no CF decoding (re-encoded time variables excepted)
    raw_src = open_sources(spec, decode_cf=False, mask_and_scale=False).load()
    raw_dst = xr.open_zarr(spec["store"], consolidated=True, decode_cf=False, mask_and_scale=False).load()
    for name in raw_src.variables:
        if name in spec.get("reencoded", []):
            continue
        a, b = raw_src[name], raw_dst[name]
        if a.dtype != b.dtype:
            fail("raw dtype of %s: sources %s, store %s" % (name, a.dtype, b.dtype))
        if not np.array_equal(a.values, b.values, equal_nan=a.dtype.kind == "f"):
            fail("raw values of %s differ" % name)

    # chunk shapes as written
    group = zarr.open_consolidated(spec["store"], mode="r")
    for name, chunks in spec.get("chunks", {}).items():
        if list(group[name].chunks) != list(chunks):
            fail("chunks of %s: expected %s, store has %s" % (name, chunks, list(group[name].chunks)))
    print("identical: %d variables, dims %s" % (len(src.variables), dict(src.sizes)))


if __name__ == "__main__":
    main()
