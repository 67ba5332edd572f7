"""Reads a Zarr v2 store written by ARCO Forge with zarr-python, numcodecs and xarray,
and compares it with the expectations the Java test wrote to a JSON file.

usage: check_zarr_store.py STORE EXPECTED_JSON
Prints one line per problem and exits 1 if there is any; exits 0 with "OK ..." otherwise.
"""
import json
import math
import sys

import numpy as np
import numcodecs
import xarray as xr
import zarr

problems = []


def problem(msg):
    problems.append(msg)


def same_json(a, b):
    """Equality of JSON-like values where NaN equals NaN and int/float types must agree."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a.keys()) == list(b.keys()) and all(same_json(a[k], b[k]) for k in a)
    if type(a) != type(b) and not (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))):
        return False
    return a == b


def expected_array(spec):
    dt = np.dtype(spec["dtype"])
    vals = spec["values"]
    if dt.kind == "f":
        arr = np.array([float(v) for v in vals], dtype=dt)
    elif dt.kind == "S":
        arr = np.array(vals, dtype="u1").view(dt)
    else:
        arr = np.array([int(v) for v in vals], dtype=dt)
    return arr.reshape(spec["shape"])


def bits(a):
    """Bit patterns, so that NaN and -0.0 compare exactly."""
    a = np.ascontiguousarray(a)
    return a.view("u%d" % a.dtype.itemsize) if a.dtype.kind in "fiu" else a.view("u1")


def expected_fill(spec):
    f = spec["fill_value"]
    if f is None:
        return None
    dt = np.dtype(spec["dtype"])
    if dt.kind == "f":
        return np.array(float(f), dtype=dt)
    if dt.kind == "S":
        return np.array(bytes([f]), dtype=dt)
    return np.array(int(f), dtype=dt)


def same_fill(actual, spec):
    exp = expected_fill(spec)
    if exp is None or actual is None:
        return exp is None and actual is None
    act = np.array(actual, dtype=exp.dtype)
    return bits(act.reshape(1)).tolist() == bits(exp.reshape(1)).tolist()


def check_zarr(store_path, exp):
    group = zarr.open_consolidated(store_path, mode="r")
    plain = zarr.open_group(store_path, mode="r")
    if not same_json(dict(group.attrs), exp["group_attrs"]):
        problem("group attrs: %r != %r" % (dict(group.attrs), exp["group_attrs"]))
    if sorted(group.array_keys()) != sorted(exp["arrays"]):
        problem("arrays in store: %s, expected %s" % (sorted(group.array_keys()), sorted(exp["arrays"])))
    raw_store = zarr.DirectoryStore(store_path)
    for name, spec in exp["arrays"].items():
        if name not in group:
            continue
        z = group[name]
        zp = plain[name]
        where = "zarr %s: " % name
        if z.dtype != np.dtype(spec["dtype"]):
            problem(where + "dtype %s, expected %s" % (z.dtype, spec["dtype"]))
            continue
        if list(z.shape) != spec["shape"] or list(z.chunks) != spec["chunks"]:
            problem(where + "shape/chunks %s/%s, expected %s/%s" % (z.shape, z.chunks, spec["shape"], spec["chunks"]))
        if not same_fill(z.fill_value, spec):
            problem(where + "fill_value %r, expected %r" % (z.fill_value, spec["fill_value"]))
        comp = z.compressor.get_config() if z.compressor is not None else None
        if comp != spec["compressor"]:
            problem(where + "compressor %r, expected %r" % (comp, spec["compressor"]))
        filters = [f.get_config() for f in z.filters] if z.filters else None
        if filters != spec["filters"]:
            problem(where + "filters %r, expected %r" % (filters, spec["filters"]))
        attrs = dict(z.attrs)
        exp_attrs = dict(spec["attrs"])
        exp_attrs = {"_ARRAY_DIMENSIONS": spec["dims"], **exp_attrs}
        if not same_json(attrs, exp_attrs):
            problem(where + "attrs %r, expected %r" % (attrs, exp_attrs))
        # the consolidated view must say what the individual files say
        if zp.dtype != z.dtype or zp.shape != z.shape or not same_json(dict(zp.attrs), attrs) \
                or not same_fill(zp.fill_value, spec):
            problem(where + ".zmetadata differs from the array's own .zarray/.zattrs")
        actual = z[...]
        expected = expected_array(spec)
        if bits(actual).tolist() != bits(expected).tolist():
            problem(where + "values differ:\n%r\nexpected\n%r" % (actual, expected))
        edge = spec.get("edge_chunk")
        if edge is not None:
            check_edge_chunk(raw_store, name, z, spec, edge, where)


def check_edge_chunk(raw_store, name, z, spec, edge, where):
    """Decodes an edge chunk with numcodecs alone and checks its padding."""
    key = name + "/" + (".".join(str(i) for i in edge) if edge else "0")
    data = raw_store[key]
    if z.compressor is not None:
        data = numcodecs.get_codec(z.compressor.get_config()).decode(data)
    for f in reversed(z.filters or []):
        data = numcodecs.get_codec(f.get_config()).decode(data)
    chunk = np.frombuffer(bytes(data), dtype=z.dtype).reshape(z.chunks)
    fill = expected_fill(spec)
    if fill is None:
        fill = np.zeros((), dtype=z.dtype)
    mask = np.ones(chunk.shape, dtype=bool)
    valid = tuple(slice(0, min(c, s - i * c)) for i, c, s in zip(edge, z.chunks, z.shape))
    mask[valid] = False
    pad = chunk[mask]
    if pad.size == 0:
        problem(where + "edge chunk %s has no padding: the test data is wrong" % key)
    elif set(bits(pad).tolist()) != set(bits(fill.reshape(1)).tolist()):
        problem(where + "padding of %s is %r, expected all %r" % (key, pad, fill))


def check_xarray(store_path, exp):
    ds = xr.open_zarr(store_path, consolidated=True, mask_and_scale=False, concat_characters=False,
                      decode_times=False)
    if list(ds.attrs.keys()) != list(exp["group_attrs"].keys()):
        problem("xarray group attribute order %s, expected %s" % (list(ds.attrs), list(exp["group_attrs"])))
    for name, spec in exp["arrays"].items():
        where = "xarray %s: " % name
        if name not in ds.variables:
            problem(where + "missing")
            continue
        v = ds[name]
        if list(v.dims) != spec["dims"]:
            problem(where + "dims %s, expected %s" % (v.dims, spec["dims"]))
        if v.dtype != np.dtype(spec["dtype"]):
            problem(where + "dtype %s, expected %s" % (v.dtype, spec["dtype"]))
        if bits(v.values).tolist() != bits(expected_array(spec)).tolist():
            problem(where + "values differ")
        attrs = dict(v.attrs)
        fill = attrs.pop("_FillValue", None)
        if not same_fill(fill, spec):
            problem(where + "_FillValue %r, expected %r" % (fill, spec["fill_value"]))
        if list(attrs.keys()) != list(spec["attrs"].keys()):
            problem(where + "attribute order %s, expected %s" % (list(attrs), list(spec["attrs"])))

    # CF decoding as a user gets it by default
    dec = xr.open_zarr(store_path, consolidated=True)
    p = exp["packed"]
    name = p["name"]
    sf = float(np.float32(p["scale_factor_f32"]))
    ao = float(np.float32(p["add_offset_f32"]))
    attrs = xr.open_zarr(store_path, mask_and_scale=False)[name].attrs
    if attrs["scale_factor"] != sf or attrs["add_offset"] != ao:
        problem("xarray %s: scale_factor/add_offset %r/%r are not the float32 values widened exactly (%r/%r)"
                % (name, attrs["scale_factor"], attrs["add_offset"], sf, ao))
    raw = expected_array(exp["arrays"][name])
    fill = int(exp["arrays"][name]["fill_value"])
    got = dec[name].values
    # xarray picks the float type (float32 for int16 in 2023.01); mirror its in-place arithmetic
    if got.dtype.kind != "f":
        problem("xarray %s: decoded dtype %s is not floating" % (name, got.dtype))
    want = raw.astype(got.dtype)
    want *= sf
    want += ao
    want[raw == fill] = np.nan
    if bits(got).tolist() != bits(want).tolist():
        problem("xarray %s: decoded values differ:\n%r\nexpected\n%r" % (name, got, want))
    # NetCDF char arrays: xarray joins the last dimension into strings by default
    spec = exp["arrays"]["char_zlib_1"]
    got = dec["char_zlib_1"]
    want = [bytes(row).rstrip(b"\0") for row in expected_array(spec).view("u1").tolist()]
    if list(got.dims) != spec["dims"][:-1] or [bytes(v) for v in got.values.tolist()] != want:
        problem("xarray char_zlib_1: decoded %s %r, expected %s %r" % (got.dims, got.values, spec["dims"][:-1], want))
    for name in exp["masked"]:
        spec = exp["arrays"][name]
        raw = expected_array(spec)
        fill = expected_fill(spec)
        got = dec[name].values
        hit = (bits(raw) == bits(fill.reshape(1))[0]) | (np.isnan(raw) if raw.dtype.kind == "f" else False)
        if not hit.any():
            problem("xarray %s: the test data holds no fill value to mask" % name)
        if not np.all(np.isnan(got[hit])) or np.isnan(got[~hit]).any():
            problem("xarray %s: fill values not masked as NaN: %r" % (name, got))


def main():
    store_path, exp_path = sys.argv[1], sys.argv[2]
    with open(exp_path) as f:
        exp = json.load(f)
    try:
        check_zarr(store_path, exp)
        check_xarray(store_path, exp)
    except Exception as e:  # report, don't hide, an unexpected failure
        import traceback
        problem("exception: " + "".join(traceback.format_exception(e)))
    for p in problems:
        print("PROBLEM " + p)
    if problems:
        return 1
    print("OK %d arrays checked with zarr %s, numcodecs %s, xarray %s"
          % (len(exp["arrays"]), zarr.__version__, numcodecs.__version__, xr.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
