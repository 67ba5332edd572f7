package org.arcoforge.format.zarr3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.recipe.data.DType;

/**
 * Encodes one shard as the Zarr v3 {@code sharding_indexed} codec lays it out: the inner chunks
 * (C order, each through the inner codecs; chunks wholly of the fill value, or wholly beyond the
 * array, left out), then the index at the end: per inner chunk, offset and length as little-endian
 * uint64 (both 2^64-1 for a missing chunk), followed by the index's CRC32C (little endian).
 */
final class ShardEncoder {
    static final long MISSING = -1L; // 2^64-1 as unsigned
    static final int CRC_BYTES = 4;

    private ShardEncoder() {
    }

    /**
     * @param shard      the shard buffer, C order, shape {@code shardShape}
     * @param shardIndex the shard's position in the shard grid
     * @param shape      the array's shape
     */
    static byte[] encode(Object shard, int[] shardShape, long[] shardIndex, long[] shape, int[] inner, DType dtype,
                         Number fill, ChunkCodec codec) {
        int rank = inner.length;
        int[] perShard = new int[rank];
        int count = 1;
        for (int d = 0; d < rank; d++) {
            perShard[d] = shardShape[d] / inner[d];
            count *= perShard[d];
        }
        ByteBuffer index = ByteBuffer.allocate(count * 16 + CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] origin = new int[rank];
        int[] valid = new int[rank];
        for (GridIndex g = GridIndex.of(perShard); g.next(); ) {
            long[] p = g.index();
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                origin[d] = (int) p[d] * inner[d];
                long start = shardIndex[d] * shardShape[d] + origin[d];
                valid[d] = (int) Math.max(0, Math.min(inner[d], shape[d] - start));
                inside &= valid[d] > 0;
            }
            Object block = inside ? ChunkBlocks.cut(shard, shardShape, origin, inner, valid, dtype, fill) : null;
            if (block == null || ChunkBlocks.allFill(block, dtype, fill)) {
                index.putLong(MISSING).putLong(MISSING);
                continue;
            }
            ChunkCodec.Encoded e = codec.encodeReusing(block);
            index.putLong(data.size()).putLong(e.length());
            data.write(e.array(), 0, e.length());
        }
        CRC32C crc = new CRC32C();
        crc.update(index.array(), 0, count * 16);
        index.putInt((int) crc.getValue());
        data.write(index.array(), 0, index.capacity());
        return data.toByteArray();
    }
}
