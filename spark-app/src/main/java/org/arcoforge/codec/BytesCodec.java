package org.arcoforge.codec;

import java.io.Serializable;
import java.util.Map;

/** A bytes-to-bytes codec: a filter (shuffle, checksum) or a compressor. Encoding is deterministic. */
public sealed interface BytesCodec extends Serializable
        permits ShuffleCodec, ZlibCodec, ZstdCodec, BloscCodec, Fletcher32Codec {
    byte[] encode(byte[] raw);

    /**
     * The bytes {@code stored} encodes; {@code expected} is their length, checked where the format
     * can, or -1 when only the content tells (vlen-utf8 chunks).
     */
    byte[] decode(byte[] stored, int expected);

    /** Whether it compresses (Zarr v2's "compressor") rather than filters. */
    default boolean compressor() {
        return false;
    }

    /** The numcodecs config (Zarr v2 "compressor" or a "filters" entry), "id" first. */
    Map<String, Object> zarrV2();

    /** The Zarr v3 codec: a core codec where v3 has one, else numcodecs' "numcodecs.ID". */
    ZarrV3Codec zarrV3();
}
