package org.arcoforge.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * zlib format (2-byte header, Adler-32 trailer), as Python's zlib.compress, numcodecs' Zlib and
 * HDF5's deflate filter (1). Zarr v3 has no zlib codec ("gzip" is another format): numcodecs.zlib.
 */
public record ZlibCodec(int level) implements BytesCodec {
    public ZlibCodec {
        if (!CompressorKind.ZLIB.allows(level)) {
            throw new IllegalArgumentException("zlib level must be " + CompressorKind.ZLIB.levelText() + ", got " + level);
        }
    }

    @Override
    public boolean compressor() {
        return true;
    }

    @Override
    public byte[] encode(byte[] raw) {
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

    @Override
    public byte[] decode(byte[] stored, int expected) {
        if (expected < 0) {
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(stored))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalArgumentException("corrupt zlib chunk: " + e.getMessage(), e);
            }
        }
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

    @Override
    public Map<String, Object> zarrV2() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "zlib");
        m.put("level", level);
        return m;
    }

    @Override
    public ZarrV3Codec zarrV3() {
        return new ZarrV3Codec("numcodecs.zlib", Map.of("level", level));
    }
}
