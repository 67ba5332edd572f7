package org.arcoforge.format.zarr3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.arcoforge.format.StoreFolder;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.TempNames;

/**
 * What in a target folder belongs to its Zarr v3 store: the root {@code zarr.json}, array folders
 * (their {@code zarr.json} and chunk keys {@code c/i/j...}), temporary files of interrupted writes
 * and the run's own files at the root. --overwrite deletes exactly these and refuses a folder
 * holding anything else, as for Zarr v2.
 */
final class Zarr3Contents {
    private static final Pattern CHUNK = Pattern.compile("c(/\\d+)*");

    private final String ownPrefix;
    private final List<Path> owned = new ArrayList<>();
    private final List<String> foreign = new ArrayList<>();

    private Zarr3Contents(String ownPrefix) {
        this.ownPrefix = ownPrefix;
    }

    static void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite) {
        StoreFolder.requireStoreOrEmpty(store, ownPrefix, overwrite, name -> name.equals(Zarr3Writer.ZARR_JSON), "Zarr v3");
    }

    /**
     * Deletes the store at the target (keeping {@code keep}, the lease of the run doing it), or
     * throws listing the files that are not part of it, before deleting anything.
     */
    static void deleteStore(HadoopStore store, String ownPrefix, String keep) {
        Zarr3Contents c = new Zarr3Contents(ownPrefix);
        StoreFolder.deleteOwned(store, () -> c.scanRoot(store.fileSystem(), store.rootPath(), keep), c.owned, c.foreign);
    }

    private void scanRoot(FileSystem fs, Path root, String keep) throws IOException {
        for (FileStatus st : fs.listStatus(root)) {
            String name = st.getPath().getName();
            if (name.startsWith(ownPrefix)) {
                if (!name.equals(keep)) {
                    owned.add(st.getPath());
                }
            } else if (st.isFile()) {
                if (name.equals(Zarr3Writer.ZARR_JSON) || TempNames.isTemporary(name)) {
                    owned.add(st.getPath());
                } else {
                    foreign.add(name);
                }
            } else if (fs.exists(new Path(st.getPath(), Zarr3Writer.ZARR_JSON))) {
                scanArray(fs, st.getPath(), name + "/");
            } else {
                foreign.add(name + "/");
            }
        }
    }

    /** An array's folder: its zarr.json and chunk keys below c/; wholly ours: one recursive delete. */
    private void scanArray(FileSystem fs, Path dir, String rel) throws IOException {
        String base = dir.toUri().getPath();
        base = base.endsWith("/") ? base : base + "/";
        boolean all = true;
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            String key = it.next().getPath().toUri().getPath().substring(base.length());
            String last = key.substring(key.lastIndexOf('/') + 1);
            if (!key.equals(Zarr3Writer.ZARR_JSON) && !CHUNK.matcher(key).matches() && !TempNames.isTemporary(last)) {
                foreign.add(rel + key);
                all = false;
            }
        }
        if (all) {
            owned.add(dir);
        }
    }
}
