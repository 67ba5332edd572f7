package org.arcoforge.recipe;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
    // As the author wrote them, before resolution against the recipe's directory: the fingerprint
    // uses these so that a recipe moved together with its data keeps its identity.
    private final String declaredTemplate;
    private final List<String> declaredFiles;
    // Filled on first use: a run asks for the inputs several times. Transient: an executor's copy
    // builds its own rather than receiving every input with the pattern.
    private transient volatile List<InputFile> inputs;

    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    private FilePattern(String template, List<String> files, ConcatDim concatDim, MergeDim mergeDim) {
        this(template, files, concatDim, mergeDim, template, files);
    }

    private FilePattern(String template, List<String> files, ConcatDim concatDim, MergeDim mergeDim,
                        String declaredTemplate, List<String> declaredFiles) {
        this.template = template;
        this.files = files == null ? null : List.copyOf(files);
        this.concatDim = concatDim;
        this.mergeDim = mergeDim;
        this.declaredTemplate = declaredTemplate;
        this.declaredFiles = declaredFiles == null ? null : List.copyOf(declaredFiles);
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

    /** The explicit file list, for a pattern made with {@link #files}. */
    public Optional<List<String>> files() { return Optional.ofNullable(files); }

    /** Combine dimensions in template order: the concat dimension first, then the merge dimension. */
    public List<CombineDim> dims() {
        List<CombineDim> out = new ArrayList<>(2);
        if (concatDim != null) {
            out.add(concatDim);
        }
        if (mergeDim != null) {
            out.add(mergeDim);
        }
        return out;
    }

    /**
     * The same pattern with a relative template or relative files (no URI scheme, not absolute)
     * resolved against {@code dir}; absolute paths and URIs ({@code file:}, {@code s3a:}...) are kept.
     */
    public FilePattern resolvedAgainst(Path dir) {
        if (dir == null) {
            return this;
        }
        List<String> resolvedFiles = null;
        if (files != null) {
            resolvedFiles = new ArrayList<>();
            for (String f : files) {
                resolvedFiles.add(resolve(dir, f));
            }
        }
        return new FilePattern(template == null ? null : resolve(dir, template), resolvedFiles, concatDim, mergeDim,
                declaredTemplate, declaredFiles);
    }

    /** True for a path that {@link #resolvedAgainst} leaves alone. */
    static boolean isAbsoluteOrUri(String location) {
        return location.startsWith("/") || location.startsWith("\\") || URI_SCHEME.matcher(location).find()
                || location.length() > 2 && Character.isLetter(location.charAt(0)) && location.charAt(1) == ':'
                && (location.charAt(2) == '/' || location.charAt(2) == '\\');
    }

    /** {@code location} against {@code dir} as {@link #resolvedAgainst} does it (null dir: unchanged). */
    static String resolve(Path dir, String location) {
        if (dir == null || location.isEmpty() || isAbsoluteOrUri(location)) {
            return location;
        }
        // String joining, not Path.resolve: templates hold '{', ':' and other characters a Path may reject.
        String base = dir.toAbsolutePath().normalize().toString().replace('\\', '/');
        String rel = location;
        while (true) {
            if (rel.startsWith("./")) {
                rel = rel.substring(2);
            } else if (rel.startsWith("../") && base.lastIndexOf('/') > 0) {
                rel = rel.substring(3);
                base = base.substring(0, base.lastIndexOf('/'));
            } else {
                break;
            }
        }
        return base.endsWith("/") ? base + rel : base + "/" + rel;
    }

    String declaredTemplate() { return declaredTemplate; }

    List<String> declaredFiles() { return declaredFiles; }

    public Optional<ConcatDim> concatDim() { return Optional.ofNullable(concatDim); }

    public Optional<MergeDim> mergeDim() { return Optional.ofNullable(mergeDim); }

    /** Every input, concat-major: the same unmodifiable list on every call. */
    public List<InputFile> inputs() {
        List<InputFile> in = inputs;
        if (in == null) {
            in = computeInputs();
            inputs = in;
        }
        return in;
    }

    private List<InputFile> computeInputs() {
        List<Object> cKeys = concatDim == null ? List.of(0) : concatDim.keys();
        List<Object> mKeys = mergeDim == null ? List.of(0) : mergeDim.keys();
        UrlTemplate urls = files != null ? null : UrlTemplate.parse(template);
        List<InputFile> out = new ArrayList<>(cKeys.size() * mKeys.size());
        for (int ci = 0; ci < cKeys.size(); ci++) {
            for (int mi = 0; mi < mKeys.size(); mi++) {
                Map<String, Object> keys = new LinkedHashMap<>();
                if (concatDim != null) {
                    keys.put(concatDim.name(), cKeys.get(ci));
                }
                if (mergeDim != null) {
                    keys.put(mergeDim.name(), mKeys.get(mi));
                }
                String url = files != null ? files.get(ci) : urls.render(keys);
                out.add(new InputFile(out.size(), ci, mi, keys, url));
            }
        }
        return Collections.unmodifiableList(out);
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
        return new FilePattern(template, files == null ? null : files.subList(0, n), pruned, mergeDim,
                declaredTemplate, declaredFiles == null ? null : declaredFiles.subList(0, n));
    }
}
