package org.arcoforge.codec;

import com.scalableminds.bloscjava.Blosc;

/**
 * Blosc through blosc-java's JNI library. Kept in its own class so that the native library is
 * loaded only when a blosc compressor is actually used.
 */
final class BloscSupport {
    private BloscSupport() {
    }

    private static volatile Boolean available;
    private static volatile String loadError;

    /** Whether the native blosc library loads on this machine (blosc-java ships x86-64 only). */
    static boolean available() {
        if (available == null) {
            synchronized (BloscSupport.class) {
                if (available == null) {
                    try {
                        byte[] probe = Blosc.compress(new byte[16], 1, Blosc.Compressor.LZ4, 1, Blosc.Shuffle.NO_SHUFFLE, 0);
                        Blosc.decompress(probe);
                        available = true;
                    } catch (LinkageError | RuntimeException e) {
                        loadError = e.toString();
                        available = false;
                    }
                }
            }
        }
        return available;
    }

    private static void require(String compressorName) {
        if (!available()) {
            throw new UnsupportedOperationException("compressor '" + compressorName
                    + "' needs the blosc native library, which does not load on this machine ("
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + "; blosc-java ships x86-64 only): " + loadError
                    + ". Use zstd or zlib instead.");
        }
    }

    static byte[] compress(String compressorName, String cname, byte[] raw, int typeSize, int level, boolean shuffle) {
        require(compressorName);
        Blosc.Compressor c = Blosc.Compressor.fromString(cname);
        // blocksize 0 (automatic) and one thread: the output depends only on the input.
        return Blosc.compress(raw, typeSize, c, level, shuffle ? Blosc.Shuffle.BYTE_SHUFFLE : Blosc.Shuffle.NO_SHUFFLE, 0, 1);
    }

    static byte[] decompress(String compressorName, byte[] stored) {
        require(compressorName);
        return Blosc.decompress(stored);
    }
}
