package org.arcoforge.format.zarr2;

import org.arcoforge.codec.FillValues;
import org.arcoforge.codec.ChunkCodec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.arcoforge.plan.ChunkGrid;
import org.arcoforge.codec.Compression;
import org.arcoforge.codec.CompressorKind;
import org.arcoforge.recipe.data.DType;

/**
 * What a {@code .zarray} says about one array. A 0-d array has empty shape and chunks.
 *
 * @param fillValue the fill value (Number, or null for none); see {@link FillValues#normalize}
 */
public record ArrayMeta(long[] shape, int[] chunks, DType dtype, Number fillValue, Compression compression)
        implements Serializable {

    public ArrayMeta {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(chunks, "chunks");
        Objects.requireNonNull(dtype, "dtype");
        if (shape.length != chunks.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and chunks "
                    + Arrays.toString(chunks) + " differ in rank");
        }
        long elements = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || chunks[d] < 1) {
                throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " / chunks " + Arrays.toString(chunks));
            }
            elements = Math.multiplyExact(elements, chunks[d]);
        }
        if (elements * dtype.size() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk of " + Arrays.toString(chunks) + " " + dtype + " exceeds 2 GiB");
        }
        shape = shape.clone();
        chunks = chunks.clone();
        fillValue = FillValues.normalize(dtype, fillValue);
        compression = compression == null ? Compression.NONE : compression;
        if (dtype == DType.STRING && compression.shuffle() && compression.kind() != CompressorKind.BLOSC) {
            // no byte shuffle of text
            compression = new Compression(compression.kind(), compression.cname(), compression.level(), false);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Elements in one (full-size) chunk. */
    public int chunkElements() {
        int n = 1;
        for (int c : chunks) {
            n *= c;
        }
        return n;
    }

    /** Number of chunks along each dimension. */
    public long[] chunkGrid() {
        return ChunkGrid.of(shape, chunks);
    }

    public ChunkCodec codec() {
        return new ChunkCodec(compression, dtype);
    }

    /** A new chunk buffer pre-filled with the fill value (0 when there is none). */
    public Object newChunk() {
        return FillValues.filledChunk(dtype, chunkElements(), fillValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayMeta m && Arrays.equals(shape, m.shape) && Arrays.equals(chunks, m.chunks)
                && dtype == m.dtype && FillValues.same(dtype, fillValue, m.fillValue) && compression.equals(m.compression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(chunks), dtype, compression);
    }

    @Override
    public String toString() {
        return "ArrayMeta[shape=" + Arrays.toString(shape) + ", chunks=" + Arrays.toString(chunks) + ", dtype=" + dtype
                + ", fillValue=" + fillValue + ", compression=" + compression + "]";
    }
}
