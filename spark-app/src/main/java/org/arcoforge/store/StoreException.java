package org.arcoforge.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An I/O failure of a Zarr store, its message naming the store and the key (worded for users). */
public final class StoreException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, IOException cause) {
        super(message, cause);
    }
}
