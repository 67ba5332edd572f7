package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.NetcdfFile;

/**
 * Reading one NetCDF-4/HDF5 group as the dataset (the recipe's {@code group:}), as xarray's
 * {@code open_dataset(group=...)} does: the group's variables and attributes, and every dimension
 * in its scope (its own, then those of its ancestors it does not shadow, as netCDF4-python resolves them).
 */
final class InputGroups {
    private InputGroups() {
    }

    /** "/Grid", "Grid/" and "Grid" are the same group; null, "" and "/" are the root. */
    static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        if (path != null) {
            for (String p : path.split("/")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    static String normalize(String path) {
        return "/" + String.join("/", parts(path));
    }

    /** The group at {@code path}; an error naming the file and listing its groups when there is none. */
    static Group find(NetcdfFile file, String path, String location) {
        Group g = file.getRootGroup();
        for (String p : parts(path)) {
            Group next = null;
            for (Group c : g.getGroups()) {
                if (c.getShortName().equals(p)) {
                    next = c;
                }
            }
            if (next == null) {
                throw missing(location, path, paths(file.getRootGroup()));
            }
            g = next;
        }
        return g;
    }

    static InputException missing(String location, String path, List<String> groups) {
        return new InputException(location, "no group " + normalize(path) + " in this file ("
                + (groups.isEmpty() ? "it has no groups" : "its groups: " + String.join(", ", groups))
                + "); set the recipe's group: to one of them");
    }

    /** Every group below {@code root}, as paths, depth first in file order. */
    static List<String> paths(Group root) {
        List<String> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(Group g, String prefix, List<String> out) {
        for (Group c : g.getGroups()) {
            String p = prefix + "/" + c.getShortName();
            out.add(p);
            collect(c, p, out);
        }
    }

    /** Dimensions visible in {@code g}: its own, then its ancestors' not shadowed by a nearer one. */
    static Map<String, Dimension> scope(Group g) {
        Map<String, Dimension> out = new LinkedHashMap<>();
        for (Group at = g; at != null; at = at.getParentGroup()) {
            for (Dimension d : at.getDimensions()) {
                out.putIfAbsent(d.getShortName(), d);
            }
        }
        return out;
    }
}
