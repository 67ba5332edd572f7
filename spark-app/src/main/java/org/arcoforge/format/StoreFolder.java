package org.arcoforge.format;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.TempNames;

/**
 * What every format does the same way with the target folder: refuse a folder that is neither its
 * store nor empty, and delete exactly the store's own files (--overwrite) or name the others.
 * Which files are the store's is each format's own scan.
 */
public final class StoreFolder {
    private static final int LISTED = 10;

    /** A format's scan of the folder into the store's files and the others. */
    public interface Scan {
        void run() throws IOException;
    }

    private StoreFolder() {
    }

    /**
     * Refuses a target that is a file, or a folder holding files other than ours ({@code ownPrefix},
     * temporary names) without a root entry that {@code marker} accepts, whatever --overwrite says:
     * a mistyped target (a home directory, a data archive) is never written into.
     */
    public static void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite,
            Predicate<String> marker, String kind) {
        FileSystem fs = store.fileSystem();
        try {
            if (!fs.getFileStatus(store.rootPath()).isDirectory()) {
                throw new FormatException("target " + store.location() + " is a file, not a folder; choose another --target");
            }
            boolean ours = false;
            boolean other = false;
            for (FileStatus st : fs.listStatus(store.rootPath())) {
                String name = st.getPath().getName();
                ours |= marker.test(name);
                other |= !name.startsWith(ownPrefix) && !TempNames.isTemporary(name);
            }
            if (other && !ours) {
                throw new FormatException("target " + store.location() + " already exists and is neither a " + kind
                        + " store nor empty; choose another --target"
                        + (overwrite ? " (--overwrite only replaces " + kind + " stores)" : ""));
            }
        } catch (FileNotFoundException e) {
            // nothing there yet
        } catch (IOException e) {
            throw new FormatException("cannot list target " + store.location() + ": " + e.getMessage()
                    + HadoopStore.settingsHint(store.uri()), e);
        }
    }

    /** Runs {@code scan}, then deletes {@code owned}, or throws naming {@code foreign} before deleting anything. */
    public static void deleteOwned(HadoopStore store, Scan scan, List<Path> owned, List<String> foreign) {
        try {
            scan.run();
        } catch (IOException e) {
            throw new FormatException("cannot list target " + store.location() + ": " + e.getMessage(), e);
        }
        if (!foreign.isEmpty()) {
            int n = foreign.size();
            throw new FormatException("target " + store.location() + " holds " + n + " file(s) that are not part of its Zarr "
                    + "store (" + String.join(", ", foreign.subList(0, Math.min(LISTED, n)))
                    + (n > LISTED ? ", and " + (n - LISTED) + " more" : "") + "); --overwrite deletes only the "
                    + "store's own files: move these elsewhere or choose another --target");
        }
        FileSystem fs = store.fileSystem();
        for (Path p : owned) {
            try {
                fs.delete(p, true);
            } catch (FileNotFoundException e) {
                // already gone
            } catch (IOException e) {
                throw new FormatException("cannot delete " + p + " from target " + store.location() + ": " + e.getMessage(), e);
            }
        }
    }
}
