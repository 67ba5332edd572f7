package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import java.util.function.Supplier;

/**
 * A damaged size field in an HDF5 header makes netcdf-java (or jHDF) allocate an array of
 * gigabytes. That allocation fails alone, so the heap is usable again once it is caught; but an
 * OutOfMemoryError anywhere among a task's causes makes Spark kill the executor (exit 50/52) with
 * a stack trace. Such a failure becomes an InputException naming the file and carrying no cause.
 */
final class HugeAllocation {
    private HugeAllocation() {
    }

    /** The error for {@code e}: a corrupt-header InputException when an OutOfMemoryError caused it, else {@code other}'s. */
    static RuntimeException named(String location, Throwable e, Supplier<RuntimeException> other) {
        if (!causedByOutOfMemory(e)) {
            return other.get();
        }
        return new InputException(location, "corrupt file: reading its header asked for more memory than the"
                + " whole heap (a damaged size field in its HDF5 metadata); the file cannot be read");
    }

    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
