package org.arcoforge.codec;

import com.github.luben.zstd.Zstd;
import java.util.LinkedHashMap;
import java.util.Map;

/** One zstd frame with its content size and no checksum, as numcodecs' Zstd (HDF5 filter 32015). */
public record ZstdCodec(int level) implements BytesCodec {
    public ZstdCodec {
        if (!CompressorKind.ZSTD.allows(level)) {
            throw new IllegalArgumentException("zstd level must be " + CompressorKind.ZSTD.levelText() + ", got " + level);
        }
    }

    @Override
    public boolean compressor() {
        return true;
    }

    @Override
    public byte[] encode(byte[] raw) {
        return Zstd.compress(raw, level);
    }

    /** zstd of {@code raw[0, rawLength)} into {@code out} (at least {@link Zstd#compressBound}); its length. */
    int encode(byte[] raw, int rawLength, byte[] out) {
        long n = Zstd.compressByteArray(out, 0, out.length, raw, 0, rawLength, level);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd failed: " + Zstd.getErrorName(n));
        }
        return (int) n;
    }

    @Override
    public byte[] decode(byte[] stored, int expected) {
        long size = Zstd.decompressedSize(stored);
        if (expected < 0) {
            if (size < 0 || size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("zstd frame without a usable content size: " + size);
            }
            expected = (int) size;
        }
        if (size != expected) {
            throw new IllegalArgumentException("zstd frame holds " + size + " bytes, expected " + expected);
        }
        return Zstd.decompress(stored, expected);
    }

    @Override
    public Map<String, Object> zarrV2() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "zstd");
        m.put("level", level);
        return m;
    }

    @Override
    public ZarrV3Codec zarrV3() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("level", level);
        c.put("checksum", false);
        return new ZarrV3Codec("zstd", c);
    }
}
