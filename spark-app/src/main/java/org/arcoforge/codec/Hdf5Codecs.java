package org.arcoforge.codec;

import java.util.Map;

/**
 * HDF5 filter (id, client data) to codec, for {@link CodecRegistry#fromHdf5}. Client data as the
 * filters store it: deflate [level]; shuffle [element size]; zstd [level]; hdf5-blosc [revision,
 * blosc version, type size, chunk bytes, clevel, shuffle, compressor code].
 */
final class Hdf5Codecs {
    static final int DEFLATE = 1;
    static final int SHUFFLE = 2;
    static final int FLETCHER32 = 3;
    static final int BLOSC = 32001;
    static final int ZSTD = 32015;

    /** Registered names (H5Zpublic.h and the HDF Group's filter registry) of filters seen in the wild. */
    static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "deflate"), Map.entry(2, "shuffle"), Map.entry(3, "fletcher32"), Map.entry(4, "szip"),
            Map.entry(5, "nbit"), Map.entry(6, "scaleoffset"), Map.entry(307, "bzip2"), Map.entry(32000, "lzf"),
            Map.entry(32001, "blosc"), Map.entry(32004, "lz4"), Map.entry(32008, "bitshuffle"),
            Map.entry(32013, "zfp"), Map.entry(32015, "zstd"), Map.entry(32017, "sz"));

    private Hdf5Codecs() {}

    static String name(int id) {
        return NAMES.getOrDefault(id, "third-party filter");
    }

    static BytesCodec codec(int id, int[] cd, int elementSize) {
        switch (id) {
            case DEFLATE:
                return new ZlibCodec(at(cd, 0, 6)); // H5Pset_deflate's level; 6 is zlib's own default
            case SHUFFLE:
                return new ShuffleCodec(at(cd, 0, elementSize));
            case FLETCHER32:
                return new Fletcher32Codec();
            case ZSTD:
                return new ZstdCodec(at(cd, 0, 3)); // the HDF5 zstd plugin's default level
            case BLOSC: {
                int shuffle = at(cd, 5, 1);
                BloscCname cname = BloscCname.ofHdf5Code(at(cd, 6, 0));
                if (shuffle > 1 || cname == null) {
                    throw new IllegalArgumentException("HDF5 blosc filter with " + (shuffle > 1 ? "bit shuffle"
                            : "compressor code " + at(cd, 6, 0)) + " has no codec here");
                }
                return new BloscCodec(cname, at(cd, 4, 5), shuffle == 1, at(cd, 2, elementSize));
            }
            default:
                throw new IllegalArgumentException("HDF5 filter " + name(id) + " (id " + id + ") has no codec here");
        }
    }

    private static int at(int[] cd, int i, int otherwise) {
        return cd.length > i ? cd[i] : otherwise;
    }
}
