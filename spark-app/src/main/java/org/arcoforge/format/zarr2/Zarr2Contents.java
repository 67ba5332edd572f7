package org.arcoforge.format.zarr2;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * What in a target folder belongs to its Zarr store: group and array metadata, chunk keys that
 * match their array's key pattern, temporary files of interrupted writes, and the
 * run's own files at the root (names with the caller's prefix: lease, progress log). --overwrite deletes exactly these,
 * and refuses a folder holding anything else: files a user put there are never deleted.
 */
final class Zarr2Contents {
    private static final Set<String> GROUP_FILES = Set.of(ZarrGroupWriter.ZGROUP, ZarrGroupWriter.ZATTRS,
            ZarrGroupWriter.ZMETADATA);

    private final String ownPrefix;
    private final List<Path> owned = new ArrayList<>();
    private final List<String> foreign = new ArrayList<>();

    private Zarr2Contents(String ownPrefix) {
        this.ownPrefix = ownPrefix;
    }

    /**
     * Refuses a target folder that is neither a Zarr store nor empty (our own files aside), whatever
     * --overwrite says: a mistyped target (a home directory, a data archive) is never written into.
     */
    static void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite) {
        StoreFolder.requireStoreOrEmpty(store, ownPrefix, overwrite,
                name -> name.equals(ZarrGroupWriter.ZGROUP) || name.equals(ZarrGroupWriter.ZARRAY), "Zarr");
    }

    /**
     * Deletes the store at the target (keeping {@code keep}, the lease of the run doing it), or
     * throws listing the files that are not part of it, before deleting anything.
     */
    static void deleteStore(HadoopStore store, String ownPrefix, String keep) {
        Zarr2Contents c = new Zarr2Contents(ownPrefix);
        StoreFolder.deleteOwned(store, () -> c.scanRoot(store.fileSystem(), store.rootPath(), keep), c.owned, c.foreign);
    }

    private void scanRoot(FileSystem fs, Path root, String keep) throws IOException {
        FileStatus[] entries = fs.listStatus(root);
        List<FileStatus> rest = new ArrayList<>();
        boolean array = false;
        boolean group = false;
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            if (name.startsWith(ownPrefix)) {
                if (!name.equals(keep)) {
                    owned.add(st.getPath());
                }
            } else {
                rest.add(st);
                array |= name.equals(ZarrGroupWriter.ZARRAY);
                group |= name.equals(ZarrGroupWriter.ZGROUP);
            }
        }
        if (array && !group) {
            // a store whose root is one array: its chunks sit at the root
            scanArray(fs, root, "", rest);
        } else {
            scanGroup(fs, root, "", rest.toArray(FileStatus[]::new));
        }
    }

    private void scanGroup(FileSystem fs, Path dir, String rel, FileStatus[] entries) throws IOException {
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            if (!rel.isEmpty() && name.startsWith(ownPrefix)) {
                owned.add(st.getPath()); // a nested group's progress log (groups: all)
                continue;
            }
            if (st.isFile()) {
                if (GROUP_FILES.contains(name) || TempNames.isTemporary(name)) {
                    owned.add(st.getPath());
                } else {
                    foreign.add(rel + name);
                }
                continue;
            }
            FileStatus[] children = fs.listStatus(st.getPath());
            boolean isArray = false;
            boolean isGroup = false;
            for (FileStatus c : children) {
                isArray |= c.getPath().getName().equals(ZarrGroupWriter.ZARRAY);
                isGroup |= c.getPath().getName().equals(ZarrGroupWriter.ZGROUP);
            }
            int before = foreign.size();
            List<Path> mark = new ArrayList<>(owned);
            if (isArray) {
                scanArray(fs, st.getPath(), rel + name + "/", List.of(children));
            } else if (isGroup) {
                scanGroup(fs, st.getPath(), rel + name + "/", children);
            } else {
                foreign.add(rel + name + "/");
                continue;
            }
            if (foreign.size() == before) {
                // wholly the store's: one recursive delete (a bulk request on object stores)
                owned.clear();
                owned.addAll(mark);
                owned.add(st.getPath());
            }
        }
    }

    /** An array's folder: its metadata, and chunk keys of its rank and separator. */
    private void scanArray(FileSystem fs, Path dir, String rel, List<FileStatus> top) throws IOException {
        Pattern chunk = chunkPattern(fs, new Path(dir, ZarrGroupWriter.ZARRAY));
        String base = dir.toUri().getPath();
        base = base.endsWith("/") ? base : base + "/";
        for (FileStatus st : top) {
            String name = st.getPath().getName();
            if (st.isFile()) {
                if (name.equals(ZarrGroupWriter.ZARRAY) || name.equals(ZarrGroupWriter.ZATTRS)
                        || name.equals(ZarrGroupWriter.ZMETADATA) && rel.isEmpty() || TempNames.isTemporary(name)
                        || chunk.matcher(name).matches()) {
                    owned.add(st.getPath());
                } else {
                    foreign.add(rel + name);
                }
                continue;
            }
            // nested chunk keys ("/" separator): every file below must be a chunk key
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
            boolean all = true;
            while (it.hasNext()) {
                String key = it.next().getPath().toUri().getPath().substring(base.length());
                if (!chunk.matcher(key).matches() && !TempNames.isTemporary(key)) {
                    foreign.add(rel + key);
                    all = false;
                }
            }
            if (all) {
                owned.add(st.getPath());
            }
        }
    }

    private static Pattern chunkPattern(FileSystem fs, Path zarray) {
        int rank = -1;
        String sep = ".";
        try (var in = fs.open(zarray)) {
            JsonNode j = ZarrJson.read(in.readAllBytes(), zarray.toString());
            rank = j.path("shape").isArray() ? j.path("shape").size() : -1;
            sep = j.path("dimension_separator").asText(".");
        } catch (IOException | RuntimeException e) {
            // unreadable metadata: accept any chunk-like key
        }
        String s = sep.equals("/") ? "/" : "\\.";
        if (rank == 0) {
            return Pattern.compile("0");
        }
        return Pattern.compile(rank < 0 ? "\\d+([./]\\d+)*" : "\\d+(" + s + "\\d+){" + (rank - 1) + "}");
    }
}
