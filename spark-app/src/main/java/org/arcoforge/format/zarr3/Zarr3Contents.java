package org.arcoforge.format.zarr3;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.arcoforge.format.FormatException;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.TempNames;

/**
 * What in a target folder belongs to its Zarr v3 store: the root {@code zarr.json}, array folders
 * (their {@code zarr.json} and chunk keys {@code c/i/j...}), temporary files of interrupted writes
 * and the run's own files at the root. --overwrite deletes exactly these and refuses a folder
 * holding anything else, as for Zarr v2.
 */
final class Zarr3Contents {
    private static final int LISTED = 10;
    private static final Pattern CHUNK = Pattern.compile("c(/\\d+)*");

    private final String ownPrefix;
    private final List<Path> owned = new ArrayList<>();
    private final List<String> foreign = new ArrayList<>();

    private Zarr3Contents(String ownPrefix) {
        this.ownPrefix = ownPrefix;
    }

    static void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite) {
        FileSystem fs = store.fileSystem();
        try {
            if (!fs.getFileStatus(store.rootPath()).isDirectory()) {
                throw new FormatException("target " + store.location() + " is a file, not a folder; choose another --target");
            }
            boolean zarr = false;
            boolean other = false;
            for (FileStatus st : fs.listStatus(store.rootPath())) {
                String name = st.getPath().getName();
                zarr |= name.equals(Zarr3Writer.ZARR_JSON);
                other |= !name.startsWith(ownPrefix) && !TempNames.isTemporary(name);
            }
            if (other && !zarr) {
                throw new FormatException("target " + store.location() + " already exists and is neither a Zarr v3 store nor "
                        + "empty; choose another --target" + (overwrite ? " (--overwrite only replaces Zarr v3 stores)" : ""));
            }
        } catch (FileNotFoundException e) {
            // nothing there yet
        } catch (IOException e) {
            throw new FormatException("cannot list target " + store.location() + ": " + e.getMessage()
                    + HadoopStore.settingsHint(store.uri()), e);
        }
    }

    static void deleteStore(HadoopStore store, String ownPrefix, String keep) {
        FileSystem fs = store.fileSystem();
        Zarr3Contents c = new Zarr3Contents(ownPrefix);
        try {
            c.scanRoot(fs, store.rootPath(), keep);
        } catch (IOException e) {
            throw new FormatException("cannot list target " + store.location() + ": " + e.getMessage(), e);
        }
        if (!c.foreign.isEmpty()) {
            int n = c.foreign.size();
            throw new FormatException("target " + store.location() + " holds " + n + " file(s) that are not part of its Zarr "
                    + "store (" + String.join(", ", c.foreign.subList(0, Math.min(LISTED, n)))
                    + (n > LISTED ? ", and " + (n - LISTED) + " more" : "") + "); --overwrite deletes only the "
                    + "store's own files: move these elsewhere or choose another --target");
        }
        for (Path p : c.owned) {
            try {
                fs.delete(p, true);
            } catch (FileNotFoundException e) {
                // already gone
            } catch (IOException e) {
                throw new FormatException("cannot delete " + p + " from target " + store.location() + ": " + e.getMessage(), e);
            }
        }
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
