package org.arcoforge.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/** {@link InputGroups} for files read by jHDF. */
final class JhdfGroups {
    private JhdfGroups() {
    }

    /** The groups from the root down to {@code path}, root first; an error listing the file's groups when absent. */
    static List<Group> chain(HdfFile hdf, String path, String location) {
        List<Group> out = new ArrayList<>();
        Group g = hdf;
        out.add(g);
        for (String p : InputGroups.parts(path)) {
            if (!(g.getChildren().get(p) instanceof Group next)) {
                throw InputGroups.missing(location, path, paths(hdf));
            }
            g = next;
            out.add(g);
        }
        return out;
    }

    static List<String> paths(HdfFile hdf) {
        List<String> all = new ArrayList<>();
        collect(hdf, "", all);
        return all;
    }

    private static void collect(Group g, String prefix, List<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group c) {
                String p = prefix + "/" + c.getName();
                out.add(p);
                collect(c, p, out);
            }
        }
    }
}
