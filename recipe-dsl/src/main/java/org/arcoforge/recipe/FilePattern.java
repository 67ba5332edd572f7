package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the inputs are: a URL template with one {@code {name}} or {@code {name:format}} placeholder
 * per combine dimension, or an explicit ordered list of files along one ConcatDim.
 * Inputs are ordered concat-major: for each concat key, every merge key.
 */
public final class FilePattern implements Serializable {
    private final String template;        // null for an explicit list
    private final List<String> files;     // null for a template
    private final ConcatDim concatDim;    // may be null
    private final MergeDim mergeDim;      // may be null

    private FilePattern(String template, List<String> files, ConcatDim concatDim, MergeDim mergeDim) {
        this.template = template;
        this.files = files == null ? null : List.copyOf(files);
        this.concatDim = concatDim;
        this.mergeDim = mergeDim;
    }

    /** A template over at most one ConcatDim and at most one MergeDim. */
    public static FilePattern template(String template, CombineDim... dims) {
        ConcatDim c = null;
        MergeDim m = null;
        for (CombineDim d : dims) {
            if (d instanceof ConcatDim cd) {
                if (c != null) {
                    throw new RecipeException("file_pattern: only one concat dimension is supported, got "
                            + c.name() + " and " + cd.name());
                }
                c = cd;
            } else if (d instanceof MergeDim md) {
                if (m != null) {
                    throw new RecipeException("file_pattern: only one merge dimension is supported, got "
                            + m.name() + " and " + md.name());
                }
                m = md;
            }
        }
        return new FilePattern(template, null, c, m);
    }

    /** Files in order along concat dimension {@code concatDimName}; keys are 0..n-1. */
    public static FilePattern files(String concatDimName, List<String> files, Integer itemsPerFile) {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            keys.add(i);
        }
        return new FilePattern(null, files, new ConcatDim(concatDimName, keys, itemsPerFile), null);
    }

    public Optional<String> template() { return Optional.ofNullable(template); }

    public Optional<ConcatDim> concatDim() { return Optional.ofNullable(concatDim); }

    public Optional<MergeDim> mergeDim() { return Optional.ofNullable(mergeDim); }

    /** Every input, concat-major. */
    public List<InputFile> inputs() {
        List<Object> cKeys = concatDim == null ? List.of(0) : concatDim.keys();
        List<Object> mKeys = mergeDim == null ? List.of(0) : mergeDim.keys();
        List<InputFile> out = new ArrayList<>();
        for (int ci = 0; ci < cKeys.size(); ci++) {
            for (int mi = 0; mi < mKeys.size(); mi++) {
                java.util.Map<String, Object> keys = new java.util.LinkedHashMap<>();
                if (concatDim != null) {
                    keys.put(concatDim.name(), cKeys.get(ci));
                }
                if (mergeDim != null) {
                    keys.put(mergeDim.name(), mKeys.get(mi));
                }
                String url = files != null ? files.get(ci) : UrlTemplate.render(template, keys);
                out.add(new InputFile(out.size(), ci, mi, keys, url));
            }
        }
        return out;
    }

    /** The same pattern over the first {@code n} keys of the concat dimension. */
    public FilePattern prune(int n) {
        if (n < 1) {
            throw new RecipeException("prune: N must be at least 1, got " + n);
        }
        if (concatDim == null || concatDim.keys().size() <= n) {
            return this;
        }
        ConcatDim pruned = new ConcatDim(concatDim.name(), concatDim.keys().subList(0, n), concatDim.itemsPerFile());
        return new FilePattern(template, files == null ? null : files.subList(0, n), pruned, mergeDim);
    }
}
