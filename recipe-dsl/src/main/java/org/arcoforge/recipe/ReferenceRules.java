package org.arcoforge.recipe;

import java.util.function.BiConsumer;

/**
 * What {@code kind: reference} allows: a reference store points at the inputs' own bytes, so
 * nothing that changes values or their encoding can apply. Checked with the other recipe rules,
 * before any work.
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static void check(Recipe r, BiConsumer<String, String> add) {
        if (!Recipe.KIND_ZARR.equals(r.kind()) && !Recipe.KIND_REFERENCE.equals(r.kind())) {
            add.accept("kind", "kind must be zarr (copy into a Zarr store, the default) or reference (a kerchunk"
                    + " JSON reference store over the inputs), got " + r.kind());
            return;
        }
        if (!r.isReference()) {
            return;
        }
        String keeps = " a reference store keeps the inputs' own chunks and encoding; remove it or use kind: zarr";
        if (!r.targetChunks().isEmpty()) {
            add.accept("target_chunks", "target_chunks cannot be used with kind: reference:" + keeps);
        }
        if (!r.encoding().isEmpty()) {
            add.accept("encoding", "encoding cannot be used with kind: reference:" + keeps);
        }
        if (r.compressor() != null && !r.compressor().equals(Compressor.DEFAULT)) {
            add.accept("compressor", "compressor cannot be used with kind: reference:" + keeps);
        }
        if (r.zarrFormat() != 2 || !r.shards().isEmpty()) {
            add.accept(r.shards().isEmpty() ? "zarr_format" : "shards", "zarr_format: 3 and shards cannot be used"
                    + " with kind: reference (kerchunk's JSON describes Zarr v2 arrays); remove them or use kind: zarr");
        }
        if (r.allGroups()) {
            add.accept("groups", "groups: all is not written as a reference store yet; use kind: zarr or group: /NAME");
        }
        for (int i = 0; i < r.preprocessors().size(); i++) {
            Preprocessor p = r.preprocessors().get(i);
            if (p != null && !(p instanceof Preprocessors.Builtin)) {
                // a Java preprocessor may change values, which a reference to the input's bytes cannot show
                add.accept("preprocess[" + i + "]", "preprocess[" + i + "] (" + p.getClass().getName() + ") may change"
                        + " values, which kind: reference cannot do: it points at the inputs' bytes; only rename_variables"
                        + " and set_variable_attributes are allowed; use kind: zarr");
            }
        }
    }
}
