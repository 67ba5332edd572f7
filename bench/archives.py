"""Deterministic generators of the benchmark archive kinds (bench/kinds.sh), run with /usr/bin/python3.

    archives.py KIND DIR [--scale N] [--inputs N]

KIND is one of
  nc3     NetCDF-3 classic, unlimited time, one file per month of a non-leap year (28-31 steps),
          float32 `tas` and packed int16 `pr` (scale_factor/add_offset), 256 x 432 (~242 MB);
          --scale N writes N years (12 N files)
  merge   two variables (`u`, `v`) in separate NetCDF-4 files, one six-hourly step per file,
          240 steps (480 files, ~214 MB); --scale N: 240 N steps
  large   one NetCDF-4 file, float32 `t` of 288 x 720 x 720 (597 MB decoded), HDF5 chunks
          (24, 90, 240) with zlib + shuffle; --scale N: 288 N steps
  noleap  12 yearly NetCDF-4 files on a noleap calendar, 365 x 100 x 50 float32 `sst` with NaN
          fills over a land mask (~88 MB); --scale N: 12 N years
  tiny    --inputs N one-step NetCDF-3 files of 45 x 90 float32 (the input-count curve)
Each kind writes DIR/.done when complete; the data depend only on the kind, the scale and the
step index (seeded), so two runs give byte-identical files.
"""
import argparse
import os

import netCDF4
import numpy as np


def field(shape, step, seed, amplitude=10.0, quantum=None):
    """A smooth field with seeded noise for one step: compresses like real data, not like zeros."""
    rng = np.random.default_rng(seed * 1_000_003 + step)
    ny, nx = shape
    y = np.linspace(-np.pi / 2, np.pi / 2, ny, dtype=np.float32)[:, None]
    x = np.linspace(0, 2 * np.pi, nx, dtype=np.float32)[None, :]
    f = amplitude * np.cos(y) * np.sin(x + step * 0.05) + rng.normal(0, 0.5, (ny, nx)).astype(np.float32)
    if quantum:
        f = np.round(f / quantum) * quantum
    return f.astype(np.float32)


def coords(ds, ny, nx):
    ds.createDimension("lat", ny)
    ds.createDimension("lon", nx)
    lat = ds.createVariable("lat", "f4", ("lat",))
    lat.units = "degrees_north"
    lat[:] = np.linspace(-90 + 90 / ny, 90 - 90 / ny, ny)
    lon = ds.createVariable("lon", "f4", ("lon",))
    lon.units = "degrees_east"
    lon[:] = np.linspace(180 / nx, 360 - 180 / nx, nx)


def nc3(out, scale):
    ny, nx = 256, 432
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    t = 0
    for year in range(2001, 2001 + scale):
        for m, n in enumerate(days):
            with netCDF4.Dataset(os.path.join(out, "clim_%04d%02d.nc" % (year, m + 1)), "w",
                                 format="NETCDF3_CLASSIC") as ds:
                ds.createDimension("time", None)
                coords(ds, ny, nx)
                tv = ds.createVariable("time", "f8", ("time",))
                tv.units = "days since 2001-01-01"
                tv.calendar = "noleap"
                tas = ds.createVariable("tas", "f4", ("time", "lat", "lon"))
                tas.units = "K"
                pr = ds.createVariable("pr", "i2", ("time", "lat", "lon"), fill_value=np.int16(-32768))
                pr.scale_factor = np.float32(0.01)
                pr.add_offset = np.float32(100.0)
                pr.set_auto_maskandscale(False)
                for i in range(n):
                    tv[i] = t + i
                    tas[i] = 280.0 + field((ny, nx), t + i, 1)
                    pr[i] = np.round(field((ny, nx), t + i, 2, amplitude=30.0) / 0.01).astype(np.int16)
                t += n


def merge(out, scale):
    ny, nx = 256, 432
    steps = 240 * scale
    base = np.datetime64("2000-01-01T00")
    for s in range(steps):
        stamp = (base + np.timedelta64(6 * s, "h")).astype(object).strftime("%Y%m%d%H")
        for k, name in enumerate(("u", "v")):
            with netCDF4.Dataset(os.path.join(out, "%s_%s.nc" % (name, stamp)), "w", format="NETCDF4") as ds:
                ds.createDimension("time", 1)
                coords(ds, ny, nx)
                tv = ds.createVariable("time", "f8", ("time",))
                tv.units = "hours since 2000-01-01"
                tv[:] = [6 * s]
                v = ds.createVariable(name, "f4", ("time", "lat", "lon"))
                v.units = "m s-1"
                v[0] = field((ny, nx), s, 3 + k)


def large(out, scale):
    nt, ny, nx = 288 * scale, 720, 720
    with netCDF4.Dataset(os.path.join(out, "large.nc"), "w", format="NETCDF4") as ds:
        ds.createDimension("time", nt)
        coords(ds, ny, nx)
        tv = ds.createVariable("time", "f8", ("time",))
        tv.units = "days since 2000-01-01"
        tv[:] = np.arange(nt)
        v = ds.createVariable("t", "f4", ("time", "lat", "lon"), zlib=True, complevel=1, shuffle=True,
                              chunksizes=(24, 90, 240))
        v.units = "K"
        for t0 in range(0, nt, 24):
            v[t0:t0 + 24] = np.stack([270.0 + field((ny, nx), t, 5, quantum=1 / 1024)
                                      for t in range(t0, t0 + 24)])


def noleap(out, scale):
    ny, nx = 100, 50
    rng = np.random.default_rng(7)
    # land: a block plus scattered cells, so some target chunks are all NaN and others partly
    land = np.zeros((ny, nx), bool)
    land[40:100, 30:50] = True
    land |= rng.random((ny, nx)) < 0.05
    for y in range(scale * 12):
        year = 2000 + y
        with netCDF4.Dataset(os.path.join(out, "sst_%04d.nc" % year), "w", format="NETCDF4") as ds:
            ds.createDimension("time", 365)
            coords(ds, ny, nx)
            tv = ds.createVariable("time", "f8", ("time",))
            tv.units = "days since 2000-01-01"
            tv.calendar = "noleap"
            tv[:] = np.arange(365) + 365 * y
            v = ds.createVariable("sst", "f4", ("time", "lat", "lon"), fill_value=np.float32(np.nan))
            v.units = "degC"
            v.set_auto_maskandscale(False)
            data = np.stack([15.0 + field((ny, nx), 365 * y + d, 6) for d in range(365)])
            data[:, land] = np.nan
            v[:] = data


def tiny(out, inputs):
    ny, nx = 45, 90
    for i in range(inputs):
        with netCDF4.Dataset(os.path.join(out, "tiny_%05d.nc" % i), "w", format="NETCDF3_CLASSIC") as ds:
            ds.createDimension("time", None)
            coords(ds, ny, nx)
            tv = ds.createVariable("time", "f8", ("time",))
            tv.units = "days since 2000-01-01"
            tv[:] = [i]
            v = ds.createVariable("tas", "f4", ("time", "lat", "lon"))
            v[0] = field((ny, nx), i, 8)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["nc3", "merge", "large", "noleap", "tiny"])
    p.add_argument("dir")
    p.add_argument("--scale", type=int, default=1)
    p.add_argument("--inputs", type=int, default=100)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    if a.kind == "tiny":
        tiny(a.dir, a.inputs)
    else:
        globals()[a.kind](a.dir, a.scale)
    open(os.path.join(a.dir, ".done"), "w").close()


if __name__ == "__main__":
    main()
