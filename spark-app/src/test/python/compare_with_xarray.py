"""Independent check of an ARCO Forge store against its source files, with xarray and zarr-python.

Usage: /usr/bin/python3 compare_with_xarray.py SPEC.json
SPEC: {"store": path, "files": [[f00, f01, ...], [f10, ...]] (concat-major, merge inner),
       "concat_dim": "time" or null, "chunks": {var: [..]} (expected Zarr chunk shapes),
       "ignore_global_attrs": [...], "reencoded": [vars whose raw values were re-encoded],
       "encoding": {var: {"dtype": "float32"}} (the recipe's encoding: decoded float values stored
       unpacked; the sources' values are cast to that dtype and their valid_* decoded likewise),
       "group": NetCDF-4 group of the sources to read (optional), "zarr_group": group of the store (optional),
       "drop_variables": [source variables the recipe drops, dropped from the sources too],
       "reference": true when "store" is a kerchunk JSON reference store (read through fsspec's
       reference filesystem; dtypes keep the inputs' byte order there)}
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
    if spec.get("group"):
        kw["group"] = spec["group"]
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


REFERENCE = False


def same_dtype(a, b):
    """Equal dtypes up to byte order: big-endian sources (NetCDF-3, HDF5 '>f4') become little-endian stores."""
    a, b = np.dtype(a), np.dtype(b)
    if b.byteorder == ">" and not REFERENCE:
        return False
    return a.newbyteorder("=") == b.newbyteorder("=")


def store_location(spec):
    if spec.get("reference"):
        import fsspec
        return fsspec.get_mapper("reference://", fo=spec["store"])
    return spec["store"]


def open_store(spec, **kw):
    if spec.get("zarr_group"):
        kw["group"] = spec["zarr_group"]
    if spec.get("reference"):
        # the reader the issue names: open_dataset(engine="zarr") over fsspec's reference filesystem
        return xr.open_dataset(store_location(spec), engine="zarr", consolidated=True, chunks={}, **kw)
    return xr.open_zarr(spec["store"], consolidated=True, **kw)


def main():
    global REFERENCE
    spec = json.load(open(sys.argv[1]))
    REFERENCE = bool(spec.get("reference"))
    ignore = set(spec.get("ignore_global_attrs", []))
    src = open_sources(spec).load()
    dst = open_store(spec).load()
    overrides = spec.get("encoding") or {}
    for name, enc in overrides.items():
        dtype = np.dtype(enc["dtype"])
        sf = float(src[name].encoding.get("scale_factor", 1.0))
        ao = float(src[name].encoding.get("add_offset", 0.0))
        src[name] = src[name].astype(dtype)
        for k in ("valid_min", "valid_max", "valid_range"):
            if k in src[name].attrs:
                src[name].attrs[k] = (np.asarray(src[name].attrs[k], dtype=np.float64) * sf + ao).astype(dtype)
        if dst[name].encoding.get("dtype") != dtype:
            fail("encoding dtype of %s: recipe %s, store %r" % (name, dtype, dst[name].encoding.get("dtype")))
        for k in ("scale_factor", "add_offset"):
            if k in dst[name].encoding:
                fail("store keeps %s for %s, stored unpacked" % (k, name))
    for k in spec.get("optional_global_attrs", []):
        dst.attrs.pop(k, None)  # provenance that only some stores have (append history)
    for k in ignore:
        if spec.get("zarr_group"):
            # provenance is on the root group only
            if k in dst.attrs:
                fail("group %s has the provenance attribute %s" % (spec["zarr_group"], k))
            continue
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
        if name in overrides:
            continue
        for k in keys:
            a = src[name].encoding.get(k)
            b = dst[name].encoding.get(k)
            if k == "dtype" and a is str and b == np.dtype(object):
                continue  # NetCDF-4 strings: xarray's own to_zarr/open_zarr round trip reports object too
            if k == "dtype" and a is not None and b is not None:
                ok = same_dtype(a, b)
            else:
                ok = (a is None) == (b is None) and (a is None or same(a, b))
            if not ok:
                fail("encoding %s of %s: sources %r, store %r" % (k, name, a, b))

    # raw stored values, no CF decoding (re-encoded time variables excepted)
    raw_src = open_sources(spec, decode_cf=False, mask_and_scale=False).load()
    raw_dst = open_store(spec, decode_cf=False, mask_and_scale=False).load()
    for name in raw_src.variables:
        if name in spec.get("reencoded", []) or name in overrides:
            continue
        a, b = raw_src[name], raw_dst[name]
        if not same_dtype(a.dtype, b.dtype):
            fail("raw dtype of %s: sources %s, store %s" % (name, a.dtype, b.dtype))
        if not np.array_equal(a.values, b.values, equal_nan=a.dtype.kind == "f"):
            fail("raw values of %s differ" % name)

    # chunk shapes as written
    group = zarr.open_consolidated(store_location(spec), mode="r")
    if spec.get("zarr_group"):
        group = group[spec["zarr_group"]]
    for name, chunks in spec.get("chunks", {}).items():
        if list(group[name].chunks) != list(chunks):
            fail("chunks of %s: expected %s, store has %s" % (name, chunks, list(group[name].chunks)))
    print("identical: %d variables, dims %s" % (len(src.variables), dict(src.sizes)))


if __name__ == "__main__":
    main()
