package org.arcoforge.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * One target variable as the planner's steps hand it on. Immutable: each step returns changed
 * copies ({@code with...}); arrays are copied in and out.
 *
 * @param first       the variable in the first input that has it (its dims, source name, attributes)
 * @param concatAxis  axis of the concat dimension, -1 when the variable lacks it
 * @param transforms  per concat position; null while every input is stored as it is
 * @param attrs       the target's attributes when a step set them (time units, the recipe's
 *                    encoding), with _FillValue; null: the first input's
 * @param fill        the target's fill value when {@code attrs} is set
 * @param shape       null until {@link ChunkChoice}
 * @param chunks      likewise
 * @param precomputed values known from metadata ({@link ConcatCoordinate}), or null
 */
record VariableSpec(String name, DatasetVariable first, int mergeIndex, int concatAxis, DType dtype,
                    List<ValueTransform> transforms, Map<String, Object> attrs, Number fill, long[] shape,
                    int[] chunks, Object precomputed) {
    VariableSpec {
        transforms = transforms == null ? null : List.copyOf(transforms);
        attrs = attrs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        shape = shape == null ? null : shape.clone();
        chunks = chunks == null ? null : chunks.clone();
    }

    /** As the first input that has it holds it. */
    static VariableSpec of(DatasetVariable first, int mergeIndex, String concatDim) {
        return new VariableSpec(first.name(), first, mergeIndex, concatDim == null ? -1 : first.dims().indexOf(concatDim),
                first.dtype(), null, null, null, null, null, null);
    }

    @Override
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks == null ? null : chunks.clone();
    }

    List<String> dims() {
        return first.dims();
    }

    boolean alongConcat() {
        return concatAxis >= 0;
    }

    boolean isDimensionCoordinate() {
        return first.dims().size() == 1 && first.dims().get(0).equals(name);
    }

    ValueTransform transform(int position) {
        return transforms == null ? ValueTransform.IDENTITY : transforms.get(position);
    }

    /** Bytes of one whole uncompressed chunk. */
    long chunkBytes() {
        long n = dtype.size();
        for (int c : chunks) {
            n = Math.multiplyExact(n, (long) c);
        }
        return n;
    }

    VariableSpec withTransforms(List<ValueTransform> t, DType d) {
        return new VariableSpec(name, first, mergeIndex, concatAxis, d, t, attrs, fill, shape, chunks, precomputed);
    }

    VariableSpec withEncoding(DType d, Map<String, Object> a, Number f) {
        return new VariableSpec(name, first, mergeIndex, concatAxis, d, transforms, a, f, shape, chunks, precomputed);
    }

    VariableSpec withLayout(long[] s, int[] c) {
        return new VariableSpec(name, first, mergeIndex, concatAxis, dtype, transforms, attrs, fill, s, c, precomputed);
    }

    VariableSpec withValues(DType d, Object values) {
        return new VariableSpec(name, first, mergeIndex, concatAxis, d, transforms, attrs, fill, shape, chunks, values);
    }

    /** By name, in order, unmodifiable: what the steps pass on. */
    static Map<String, VariableSpec> byName(Collection<VariableSpec> specs) {
        Map<String, VariableSpec> m = new LinkedHashMap<>();
        specs.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }
}
