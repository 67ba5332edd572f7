package org.arcoforge.netcdf;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import ucar.nc2.Variable;

/**
 * The HDF5 storage of a NetCDF-4 variable as netcdf-java 4.5.5 parsed it (chunk B-tree, filter
 * pipeline, type, fill value). None of it is public API, so this reads cdm 4.5.5's H5header.Vinfo
 * and DataBTree by reflection (cdm's version is pinned); any surprise means "not available" and
 * the caller keeps netcdf-java's own read path.
 */
final class NetcdfJavaHdf5 {
    private NetcdfJavaHdf5() {
    }

    /**
     * How to read a variable's values directly. {@code index} is null when the data is not
     * chunked or its B-tree is not one netcdf-java found; {@code allFill} is true when no data was
     * ever written (netcdf-java then returns the fill value everywhere).
     */
    record Storage(Hdf5ChunkIndex index, Number fill, boolean allFill, String why) {
        static Storage unavailable(String why) {
            return new Storage(null, null, false, why);
        }
    }

    static Storage storage(Variable v) {
        try {
            Object vinfo = v.getSPobject();
            if (vinfo == null || !vinfo.getClass().getName().equals("ucar.nc2.iosp.hdf5.H5header$Vinfo")) {
                return Storage.unavailable("not an HDF5 variable");
            }
            Object typeInfo = get(vinfo, "typeInfo");
            int hdfType = (Integer) get(typeInfo, "hdfType");
            if (hdfType != 0 && hdfType != 1) {
                return Storage.unavailable("HDF5 type class " + hdfType + " (only integer and float are read directly)");
            }
            if ((Boolean) get(vinfo, "isvlen")) {
                return Storage.unavailable("variable length");
            }
            Object fill = call(vinfo, "getFillValue");
            if (!(fill instanceof Number fillValue)) {
                return Storage.unavailable("fill value is " + fill);
            }
            if ((Boolean) get(vinfo, "useFillValue")) {
                return new Storage(null, fillValue, true, "no data written");
            }
            if (!(Boolean) get(vinfo, "isChunked")) {
                return Storage.unavailable("not chunked");
            }
            Object btree = get(vinfo, "btree");
            if (btree == null) {
                return Storage.unavailable("no chunk B-tree");
            }
            int elementSize = (Integer) get(typeInfo, "byteSize");
            int endian = (Integer) get(typeInfo, "endian");
            ByteOrder order = endian == ucar.unidata.io.RandomAccessFile.LITTLE_ENDIAN
                    ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            int[] storageSize = (int[]) get(vinfo, "storageSize");
            int rank = v.getRank();
            if (storageSize == null || storageSize.length != rank + 1 || storageSize[rank] != elementSize) {
                return Storage.unavailable("unexpected chunk layout");
            }
            int[] chunkShape = java.util.Arrays.copyOf(storageSize, rank);
            List<Hdf5ChunkIndex.Filter> filters = new ArrayList<>();
            Object mfp = get(vinfo, "mfp");
            if (mfp != null) {
                for (Object f : (Object[]) get(mfp, "filters")) {
                    filters.add(new Hdf5ChunkIndex.Filter((Short) get(f, "id"), (String) get(f, "name"),
                            (int[]) get(f, "data")));
                }
            }
            List<Hdf5ChunkIndex.Chunk> chunks = new ArrayList<>();
            Object it = call(btree, "getDataChunkIteratorFilter", new Class<?>[] {ucar.ma2.Section.class},
                    (Object) null);
            Method hasNext = method(it.getClass(), "hasNext");
            Method next = method(it.getClass(), "next");
            while ((Boolean) hasNext.invoke(it)) {
                Object c = next.invoke(it);
                int[] offset = (int[]) get(c, "offset");
                long[] origin = new long[rank];
                for (int d = 0; d < rank; d++) {
                    origin[d] = offset[d];
                }
                chunks.add(new Hdf5ChunkIndex.Chunk(origin, (Long) get(c, "filePos"), (Integer) get(c, "size"),
                        (Integer) get(c, "filterMask")));
            }
            long[] shape = new long[rank];
            int[] s = v.getShape();
            for (int d = 0; d < rank; d++) {
                shape[d] = s[d];
            }
            return new Storage(new Hdf5ChunkIndex(shape, chunkShape, elementSize, order, filters, chunks), fillValue,
                    false, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Storage.unavailable("netcdf-java internals not as in cdm 4.5.5: " + e);
        }
    }

    /** Where a contiguous (unchunked, unfiltered) HDF5 dataset's values lie, and their byte order. */
    record Contiguous(long address, ByteOrder order) {}

    /**
     * The contiguous storage of an integer or float variable of {@code elementSize}-byte values
     * holding exactly {@code elements} of them; null when it is stored otherwise (chunked, compact,
     * never written), or netcdf-java's internals are not as expected (netcdf-java then reads it).
     */
    static Contiguous contiguous(Variable v, int elementSize, long elements) {
        try {
            Object vinfo = v.getSPobject();
            if (vinfo == null || !vinfo.getClass().getName().equals("ucar.nc2.iosp.hdf5.H5header$Vinfo")
                    || (Boolean) get(vinfo, "isChunked") || (Boolean) get(vinfo, "useFillValue")
                    || (Boolean) get(vinfo, "isvlen") || get(vinfo, "mfp") != null) {
                return null;
            }
            Object typeInfo = get(vinfo, "typeInfo");
            int hdfType = (Integer) get(typeInfo, "hdfType");
            if (hdfType != 0 && hdfType != 1 || (Integer) get(typeInfo, "byteSize") != elementSize) {
                return null;
            }
            Object layout = get(get(get(vinfo, "facade"), "dobj"), "msl");
            long address = (Long) get(layout, "dataAddress");
            if ((Byte) get(layout, "type") != 1 || address < 0
                    || (Long) get(layout, "contiguousSize") != elements * elementSize) {
                return null;
            }
            ByteOrder order = (Integer) get(typeInfo, "endian") == ucar.unidata.io.RandomAccessFile.LITTLE_ENDIAN
                    ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            return new Contiguous(address, order);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The ids of a variable's HDF5 filter pipeline, in write order, without walking its chunk
     * B-tree; empty when it has none or netcdf-java's internals are not as expected.
     */
    static List<Integer> filterIds(Variable v) {
        List<Integer> ids = new ArrayList<>();
        try {
            Object vinfo = v.getSPobject();
            if (vinfo == null || !vinfo.getClass().getName().equals("ucar.nc2.iosp.hdf5.H5header$Vinfo")) {
                return ids;
            }
            Object mfp = get(vinfo, "mfp");
            if (mfp != null) {
                for (Object f : (Object[]) get(mfp, "filters")) {
                    ids.add((int) (Short) get(f, "id") & 0xffff);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // as without filters: reading will tell
        }
        return ids;
    }

    private static Object get(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(o.getClass().getName() + "." + name);
    }

    private static Object call(Object o, String name) throws ReflectiveOperationException {
        return call(o, name, new Class<?>[0]);
    }

    private static Object call(Object o, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Method m = o.getClass().getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m.invoke(o, args);
    }

    private static Method method(Class<?> c, String name) throws NoSuchMethodException {
        Method m = c.getDeclaredMethod(name);
        m.setAccessible(true);
        return m;
    }
}
