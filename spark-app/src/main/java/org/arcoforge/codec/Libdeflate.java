package org.arcoforge.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * libdeflate's zlib decompressor, through the small JNI library built with the application
 * ({@code src/main/native}). It inflates the sources' deflated chunks faster than
 * {@link java.util.zip.Inflater} ({@code bench/run.sh --reads}); where the library is missing or
 * does not load (another platform, a build without libdeflate-dev, or
 * {@code -Darcoforge.native=false}), callers use {@code Inflater} and get the same bytes.
 */
public final class Libdeflate {
    private static final String RESOURCE = "/org/arcoforge/codec/native/" + System.getProperty("os.arch")
            + "/libarcoforge_deflate.so";
    private static final boolean AVAILABLE = load();

    private Libdeflate() {
    }

    /** Whether the native decompressor loaded in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Inflates the whole zlib stream {@code in[inOff, inOff + inLen)} (checking its Adler-32) into
     * {@code out[outOff, outOff + outLen)}. Returns the bytes it held, or {@link #CORRUPT},
     * {@link #TOO_LONG} (more than {@code outLen} bytes) or {@link #NO_MEMORY}.
     */
    public static native int zlibDecompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen);

    public static final int CORRUPT = -1;
    public static final int TOO_LONG = -3;
    public static final int NO_MEMORY = -4;

    private static boolean load() {
        if (!Boolean.parseBoolean(System.getProperty("arcoforge.native", "true"))) {
            return false;
        }
        try (InputStream in = Libdeflate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            Path lib = Files.createTempFile("arcoforge_deflate", ".so");
            lib.toFile().deleteOnExit();
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            System.load(lib.toString());
            return true;
        } catch (IOException | LinkageError e) {
            return false;
        }
    }
}
