package org.arcoforge.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Blosc (HDF5 filter 32001) with byte shuffle or none, automatic block size and one thread, so the
 * output depends only on the input.
 *
 * @param typeSize the element size blosc shuffles by (1 for text)
 */
public record BloscCodec(BloscCname cname, int level, boolean shuffle, int typeSize) implements BytesCodec {
    public BloscCodec {
        if (cname == null || !CompressorKind.BLOSC.allows(level) || typeSize < 1) {
            throw new IllegalArgumentException("blosc needs a cname, a level " + CompressorKind.BLOSC.levelText()
                    + " and a positive type size, got " + cname + ", " + level + ", " + typeSize);
        }
    }

    private String recipeName() {
        return new Compression(CompressorKind.BLOSC, cname, level, shuffle).name();
    }

    @Override
    public boolean compressor() {
        return true;
    }

    @Override
    public byte[] encode(byte[] raw) {
        return BloscSupport.compress(recipeName(), cname.id(), raw, typeSize, level, shuffle);
    }

    @Override
    public byte[] decode(byte[] stored, int expected) {
        return BloscSupport.decompress(recipeName(), stored);
    }

    @Override
    public Map<String, Object> zarrV2() {
        // No "typesize": Debian's numcodecs 0.11 rejects it; blosc's header carries it.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "blosc");
        m.put("cname", cname.id());
        m.put("clevel", level);
        m.put("shuffle", shuffle ? 1 : 0);
        m.put("blocksize", 0);
        return m;
    }

    @Override
    public ZarrV3Codec zarrV3() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cname", cname.id());
        c.put("clevel", level);
        c.put("shuffle", shuffle ? "shuffle" : "noshuffle");
        c.put("typesize", typeSize);
        c.put("blocksize", 0);
        return new ZarrV3Codec("blosc", c);
    }
}
