package org.arcoforge.codec;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;

/**
 * Turns a whole chunk (a primitive array in C order) into the bytes stored under its key, and
 * back: little-endian elements, then the numcodecs shuffle filter (when asked and not blosc),
 * then the compressor. Encoding is deterministic.
 */
public final class ChunkCodec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Compressor compressor;
    private final DType dtype;

    public ChunkCodec(Compressor compressor, DType dtype) {
        if (compressor == null || compressor.name() == null) {
            throw new IllegalArgumentException("compressor is null (use name \"none\")");
        }
        if (!Compressor.NAMES.contains(compressor.name())) {
            throw new IllegalArgumentException("unknown compressor '" + compressor.name() + "', expected one of "
                    + Compressor.NAMES);
        }
        int level = compressor.level();
        if (compressor.name().equals("zlib") && (level < 0 || level > 9)
                || isBlosc(compressor) && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("compressor '" + compressor.name() + "' level must be 0..9, got " + level);
        }
        if (compressor.name().equals("zstd") && (level > Zstd.maxCompressionLevel() || level < -131072)) {
            throw new IllegalArgumentException("zstd level must be at most " + Zstd.maxCompressionLevel() + ", got " + level);
        }
        this.compressor = compressor;
        this.dtype = dtype;
    }

    public Compressor compressor() {
        return compressor;
    }

    public DType dtype() {
        return dtype;
    }

    private static boolean isBlosc(Compressor c) {
        return c.name().startsWith("blosc-");
    }

    private boolean shuffleFilter() {
        return compressor.shuffle() && !isBlosc(compressor) && dtype != DType.STRING;
    }

    /** The numcodecs config for {@code .zarray} "compressor", or null for none. */
    public Map<String, Object> compressorConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (compressor.name()) {
            case "none" -> {
                return null;
            }
            case "zlib" -> {
                m.put("id", "zlib");
                m.put("level", compressor.level());
            }
            case "zstd" -> {
                m.put("id", "zstd");
                m.put("level", compressor.level());
            }
            default -> {
                // No "typesize": Debian's numcodecs 0.11 rejects it; blosc's header carries it.
                m.put("id", "blosc");
                m.put("cname", bloscName());
                m.put("clevel", compressor.level());
                m.put("shuffle", compressor.shuffle() ? 1 : 0);
                m.put("blocksize", 0);
            }
        }
        return m;
    }

    /** The {@code .zarray} "filters" list, or null when there are none. */
    public List<Map<String, Object>> filtersConfig() {
        if (dtype == DType.STRING) {
            return List.of(Map.of("id", VlenUtf8.ID));
        }
        if (!shuffleFilter()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "shuffle");
        m.put("elementsize", dtype.size());
        return List.of(m);
    }

    private String bloscName() {
        return compressor.name().substring("blosc-".length());
    }

    /**
     * Whether this codec's filtered bytes are {@link BytePlanes}: it shuffles elements of more
     * than one byte before compressing (numcodecs' shuffle filter, not blosc's own).
     */
    public boolean takesBytePlanes() {
        return shuffleFilter() && dtype.size() > 1;
    }

    /** Stored bytes of a whole chunk. */
    public byte[] encode(Object chunk) {
        if (!ElementBytes.matches(dtype, chunk)) {
            throw new IllegalArgumentException("chunk of " + dtype + " must be a " + dtype.newArray(0).getClass().getSimpleName()
                    + ", got " + (chunk == null ? "null" : chunk.getClass().getSimpleName()));
        }
        if (dtype == DType.STRING) {
            return compress(VlenUtf8.encode((String[]) chunk));
        }
        byte[] raw = shuffleFilter() ? ElementBytes.shuffledLittleEndian(chunk) : ElementBytes.toLittleEndian(chunk);
        return compress(raw);
    }

    /** Bytes {@code [0, length)} of {@code array}. */
    public record Encoded(byte[] array, int length) {
    }

    // Per-thread buffers for encodeReusing: the filtered bytes and zstd's output. Larger chunks
    // get fresh arrays so that an idle executor thread never holds much.
    private static final int MAX_REUSED = 64 << 20;
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[2][]);

    /**
     * Same bytes as {@link #encode}, possibly in a buffer of this thread that the next call on
     * the thread overwrites: write them out before encoding again.
     */
    public Encoded encodeReusing(Object chunk) {
        String name = compressor.name();
        if (chunk instanceof BytePlanes planes) {
            if (!takesBytePlanes() || planes.dtype() != dtype) {
                throw new IllegalArgumentException("byte planes of " + planes.dtype() + " given to the " + name
                        + " codec of " + dtype + (takesBytePlanes() ? "" : ", which does not shuffle"));
            }
            return name.equals("zstd") ? zstdReusing(planes.bytes(), planes.bytes().length)
                    : encoded(compress(planes.bytes()));
        }
        if (!ElementBytes.matches(dtype, chunk) || isBlosc(compressor) || name.equals("zlib") || dtype == DType.STRING) {
            return encoded(encode(chunk));
        }
        int rawLength = Math.multiplyExact(ElementBytes.length(chunk), dtype.size());
        byte[][] scratch = SCRATCH.get();
        byte[] raw = rawLength <= MAX_REUSED ? scratch[0] : null;
        raw = shuffleFilter() ? ElementBytes.shuffledLittleEndian(chunk, raw) : ElementBytes.toLittleEndian(chunk, raw);
        if (rawLength <= MAX_REUSED) {
            scratch[0] = raw;
        }
        if (name.equals("none")) {
            return new Encoded(raw, rawLength);
        }
        return zstdReusing(raw, rawLength);
    }

    private static Encoded encoded(byte[] b) {
        return new Encoded(b, b.length);
    }

    // zstd of raw[0, rawLength) into this thread's output buffer
    private Encoded zstdReusing(byte[] raw, int rawLength) {
        byte[][] scratch = SCRATCH.get();
        int bound = Math.toIntExact(Zstd.compressBound(rawLength));
        byte[] out = bound <= MAX_REUSED ? scratch[1] : null;
        if (out == null || out.length < bound) {
            out = new byte[bound];
            if (bound <= MAX_REUSED) {
                scratch[1] = out;
            }
        }
        long n = Zstd.compressByteArray(out, 0, out.length, raw, 0, rawLength, compressor.level());
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd failed: " + Zstd.getErrorName(n));
        }
        return new Encoded(out, (int) n);
    }

    /** Decodes stored bytes to an array of {@code elements} elements of the dtype's Java type. */
    public Object decode(byte[] stored, int elements) {
        if (dtype == DType.STRING) {
            return VlenUtf8.decode(decompressUnknownSize(stored), elements);
        }
        int expected = Math.multiplyExact(elements, dtype.size());
        byte[] raw = decompress(stored, expected);
        if (raw.length != expected) {
            throw new IllegalArgumentException("chunk decodes to " + raw.length + " bytes, expected " + expected);
        }
        Object out = dtype.newArray(elements);
        ElementValues.decode(raw, expected, dtype.size(), ByteOrder.LITTLE_ENDIAN, shuffleFilter(), out, 0);
        return out;
    }

    private byte[] compress(byte[] raw) {
        return switch (compressor.name()) {
            case "none" -> raw;
            case "zlib" -> deflate(raw, compressor.level());
            case "zstd" -> Zstd.compress(raw, compressor.level());
            default -> BloscSupport.compress(compressor.name(), bloscName(), raw, dtype == DType.STRING ? 1 : dtype.size(),
                    compressor.level(),
                    compressor.shuffle());
        };
    }

    private byte[] decompress(byte[] stored, int expected) {
        return switch (compressor.name()) {
            case "none" -> stored;
            case "zlib" -> inflate(stored, expected);
            case "zstd" -> {
                long size = Zstd.decompressedSize(stored);
                if (size != expected) {
                    throw new IllegalArgumentException("zstd frame holds " + size + " bytes, expected " + expected);
                }
                yield Zstd.decompress(stored, expected);
            }
            default -> BloscSupport.decompress(compressor.name(), stored);
        };
    }

    /** Decompressed bytes of a chunk whose size only its content tells (vlen-utf8). */
    private byte[] decompressUnknownSize(byte[] stored) {
        return switch (compressor.name()) {
            case "zlib" -> {
                try (java.io.InputStream in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(stored))) {
                    yield in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("corrupt zlib chunk: " + e.getMessage(), e);
                }
            }
            case "zstd" -> {
                long size = Zstd.decompressedSize(stored);
                if (size < 0 || size > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("zstd frame without a usable content size: " + size);
                }
                yield decompress(stored, (int) size);
            }
            default -> decompress(stored, -1);
        };
    }

    // zlib format (2-byte header, Adler-32 trailer), as Python's zlib.compress and numcodecs Zlib.
    private static byte[] deflate(byte[] raw, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] stored, int expected) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(stored);
            // One spare byte: a stream holding more than expected is caught, not truncated.
            byte[] out = new byte[expected + 1];
            int n = 0;
            while (!inf.finished()) {
                int r = inf.inflate(out, n, out.length - n);
                n += r;
                if (n > expected) {
                    throw new IllegalArgumentException("zlib chunk holds more than " + expected + " bytes");
                }
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib chunk: " + n + " of " + expected + " bytes");
                }
            }
            if (n != expected) {
                throw new IllegalArgumentException("zlib chunk holds " + n + " bytes, expected " + expected);
            }
            return Arrays.copyOf(out, expected);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt zlib chunk: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** Whether the blosc compressors can run on this machine. */
    public static boolean bloscAvailable() {
        return BloscSupport.available();
    }
}
