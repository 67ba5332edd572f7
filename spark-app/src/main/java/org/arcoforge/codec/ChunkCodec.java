package org.arcoforge.codec;

import com.github.luben.zstd.Zstd;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;

/**
 * Turns a whole chunk (a primitive array in C order) into the bytes stored under its key, and
 * back, through the {@link CodecPipeline} the registry builds for a compression and dtype:
 * little-endian elements (or vlen-utf8 text), then the shuffle filter (when asked and not blosc),
 * then the compressor. Encoding is deterministic.
 */
public final class ChunkCodec implements Serializable {
    private static final long serialVersionUID = 2L;

    private final Compression compression;
    private final CodecPipeline pipeline;

    public ChunkCodec(Compression compression, DType dtype) {
        this.compression = compression;
        this.pipeline = CodecRegistry.pipeline(compression, dtype);
    }

    /** A recipe's compressor, checked by the registry (an unknown name or bad level throws). */
    public ChunkCodec(Compressor compressor, DType dtype) {
        this(CodecRegistry.compression(compressor), dtype);
    }

    public Compression compression() {
        return compression;
    }

    public DType dtype() {
        return pipeline.dtype();
    }

    public CodecPipeline pipeline() {
        return pipeline;
    }

    /** The numcodecs config for {@code .zarray} "compressor", or null for none. */
    public Map<String, Object> compressorConfig() {
        return pipeline.zarrV2Compressor();
    }

    /** The {@code .zarray} "filters" list, or null when there are none. */
    public List<Map<String, Object>> filtersConfig() {
        return pipeline.zarrV2Filters();
    }

    /**
     * Whether this codec's filtered bytes are {@link BytePlanes}: it shuffles elements of more
     * than one byte before compressing (numcodecs' shuffle filter, not blosc's own).
     */
    public boolean takesBytePlanes() {
        return pipeline.shufflesElements() && dtype().size() > 1;
    }

    /** Stored bytes of a whole chunk. */
    public byte[] encode(Object chunk) {
        return pipeline.encode(chunk);
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
        BytesCodec compressor = pipeline.compressor();
        int filtered = pipeline.shufflesElements() ? 1 : 0;
        if (chunk instanceof BytePlanes planes) {
            if (!takesBytePlanes() || planes.dtype() != dtype()) {
                throw new IllegalArgumentException("byte planes of " + planes.dtype() + " given to the "
                        + compression.name() + " codec of " + dtype() + (takesBytePlanes() ? "" : ", which does not shuffle"));
            }
            return compressor instanceof ZstdCodec z ? zstdReusing(z, planes.bytes(), planes.bytes().length)
                    : encoded(pipeline.encodeFrom(1, planes.bytes()));
        }
        // The reusing path: little-endian elements, an optional element shuffle, then zstd or nothing.
        boolean reusable = pipeline.array() instanceof LittleEndianCodec
                && pipeline.bytes().size() == filtered + (compressor == null ? 0 : 1)
                && (compressor == null || compressor instanceof ZstdCodec);
        if (!ElementBytes.matches(dtype(), chunk) || !reusable) {
            return encoded(encode(chunk));
        }
        int rawLength = Math.multiplyExact(ElementBytes.length(chunk), dtype().size());
        byte[][] scratch = SCRATCH.get();
        byte[] raw = rawLength <= MAX_REUSED ? scratch[0] : null;
        raw = filtered == 1 ? ElementBytes.shuffledLittleEndian(chunk, raw) : ElementBytes.toLittleEndian(chunk, raw);
        if (rawLength <= MAX_REUSED) {
            scratch[0] = raw;
        }
        if (compressor == null) {
            return new Encoded(raw, rawLength);
        }
        return zstdReusing((ZstdCodec) compressor, raw, rawLength);
    }

    private static Encoded encoded(byte[] b) {
        return new Encoded(b, b.length);
    }

    // zstd of raw[0, rawLength) into this thread's output buffer
    private static Encoded zstdReusing(ZstdCodec zstd, byte[] raw, int rawLength) {
        byte[][] scratch = SCRATCH.get();
        int bound = Math.toIntExact(Zstd.compressBound(rawLength));
        byte[] out = bound <= MAX_REUSED ? scratch[1] : null;
        if (out == null || out.length < bound) {
            out = new byte[bound];
            if (bound <= MAX_REUSED) {
                scratch[1] = out;
            }
        }
        return new Encoded(out, zstd.encode(raw, rawLength, out));
    }

    /** Decodes stored bytes to an array of {@code elements} elements of the dtype's Java type. */
    public Object decode(byte[] stored, int elements) {
        return pipeline.decode(stored, elements);
    }

    /** Whether the blosc compressors can run on this machine. */
    public static boolean bloscAvailable() {
        return BloscSupport.available();
    }
}
