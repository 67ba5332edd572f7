package org.arcoforge.format.zarr2;

import org.arcoforge.codec.FillValues;
import org.arcoforge.codec.ChunkCodec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.arcoforge.plan.ChunkGrid;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;

/**
 * What a {@code .zarray} says about one array. A 0-d array has empty shape and chunks.
 *
 * @param fillValue the fill value (Number, or null for none); see {@link FillValues#normalize}
 */
public record ArrayMeta(long[] shape, int[] chunks, DType dtype, Number fillValue, Compressor compressor)
        implements Serializable {

    public static final Compressor NO_COMPRESSION = new Compressor("none", 0, false);

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
        compressor = compressor == null ? NO_COMPRESSION : compressor;
        if (dtype == DType.STRING && compressor.shuffle() && !compressor.name().startsWith("blosc-")) {
            compressor = new Compressor(compressor.name(), compressor.level(), false); // no byte shuffle of text
        }
        if ("none".equals(compressor.name()) && compressor.level() != 0) {
            compressor = new Compressor("none", 0, compressor.shuffle()); // level means nothing here
        }
        new ChunkCodec(compressor, dtype); // validates the compressor early
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
        return new ChunkCodec(compressor, dtype);
    }

    /** A new chunk buffer pre-filled with the fill value (0 when there is none). */
    public Object newChunk() {
        return FillValues.filledChunk(dtype, chunkElements(), fillValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayMeta m && Arrays.equals(shape, m.shape) && Arrays.equals(chunks, m.chunks)
                && dtype == m.dtype && FillValues.same(dtype, fillValue, m.fillValue) && compressor.equals(m.compressor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(chunks), dtype, compressor);
    }

    @Override
    public String toString() {
        return "ArrayMeta[shape=" + Arrays.toString(shape) + ", chunks=" + Arrays.toString(chunks) + ", dtype=" + dtype
                + ", fillValue=" + fillValue + ", compressor=" + compressor + "]";
    }
}
