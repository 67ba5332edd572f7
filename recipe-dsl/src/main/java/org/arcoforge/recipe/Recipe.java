package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recipe: where the inputs are and how they line up ({@link FilePattern}), their file type, and
 * how the target Zarr store is laid out (target chunks, compressor, variables to drop, attributes to
 * set, preprocessors). Immutable; build with {@link #builder(FilePattern)} or load from YAML.
 */
public final class Recipe implements Serializable {
    private final String name;
    private final FilePattern filePattern;
    private final FileType fileType;
    private final Map<String, Integer> targetChunks;
    private final int inputsPerChunk;
    private final Compressor compressor;
    private final List<String> dropVariables;
    private final Map<String, Object> setAttributes;
    private final List<Preprocessor> preprocessors;
    private final List<Map<String, Object>> preprocessorSpecs;
    private final String source;

    private Recipe(Builder b) {
        this.name = b.name;
        this.filePattern = Objects.requireNonNull(b.filePattern, "file pattern");
        this.fileType = b.fileType;
        this.targetChunks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.targetChunks));
        this.inputsPerChunk = b.inputsPerChunk;
        this.compressor = b.compressor;
        this.dropVariables = List.copyOf(b.dropVariables);
        this.setAttributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.setAttributes));
        this.preprocessors = List.copyOf(b.preprocessors);
        this.preprocessorSpecs = List.copyOf(b.preprocessorSpecs);
        this.source = b.source;
    }

    public static Builder builder(FilePattern pattern) {
        return new Builder(pattern);
    }

    public String name() { return name; }

    public FilePattern filePattern() { return filePattern; }

    public FileType fileType() { return fileType; }

    /** Chunk length per dimension; dimensions not named are written whole (see the README). */
    public Map<String, Integer> targetChunks() { return targetChunks; }

    /** Inputs per chunk along the concat dimension when target chunks do not name it. */
    public int inputsPerChunk() { return inputsPerChunk; }

    public Compressor compressor() { return compressor; }

    public List<String> dropVariables() { return dropVariables; }

    /** Global attributes to set on the target (override those of the inputs). */
    public Map<String, Object> setAttributes() { return setAttributes; }

    public List<Preprocessor> preprocessors() { return preprocessors; }

    /** Where the recipe came from (a file path, or "java"), for messages. */
    public String source() { return source; }

    /** The same recipe over the first {@code n} keys of the concat dimension. */
    public Recipe pruned(int n) {
        Builder b = toBuilder();
        b.filePattern = filePattern.prune(n);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(filePattern);
        b.name = name;
        b.fileType = fileType;
        b.targetChunks.putAll(targetChunks);
        b.inputsPerChunk = inputsPerChunk;
        b.compressor = compressor;
        b.dropVariables.addAll(dropVariables);
        b.setAttributes.putAll(setAttributes);
        b.preprocessors.addAll(preprocessors);
        b.preprocessorSpecs.addAll(preprocessorSpecs);
        b.source = source;
        return b;
    }

    /** Builder for the Java DSL. */
    public static final class Builder {
        private String name = "recipe";
        private FilePattern filePattern;
        private FileType fileType = FileType.AUTO;
        private final Map<String, Integer> targetChunks = new LinkedHashMap<>();
        private int inputsPerChunk = 1;
        private Compressor compressor = Compressor.DEFAULT;
        private final List<String> dropVariables = new ArrayList<>();
        private final Map<String, Object> setAttributes = new LinkedHashMap<>();
        private final List<Preprocessor> preprocessors = new ArrayList<>();
        private final List<Map<String, Object>> preprocessorSpecs = new ArrayList<>();
        private String source = "java";

        private Builder(FilePattern pattern) {
            this.filePattern = pattern;
        }

        public Builder name(String name) { this.name = name; return this; }

        public Builder fileType(FileType t) { this.fileType = t; return this; }

        public Builder targetChunk(String dim, int length) { this.targetChunks.put(dim, length); return this; }

        public Builder targetChunks(Map<String, Integer> chunks) { this.targetChunks.putAll(chunks); return this; }

        public Builder inputsPerChunk(int n) { this.inputsPerChunk = n; return this; }

        public Builder compressor(Compressor c) { this.compressor = c; return this; }

        public Builder dropVariables(String... names) { this.dropVariables.addAll(List.of(names)); return this; }

        public Builder setAttribute(String key, Object value) { this.setAttributes.put(key, value); return this; }

        public Builder preprocess(Preprocessor p) { this.preprocessors.add(p); return this; }

        public Builder source(String source) { this.source = source; return this; }

        public Recipe build() {
            return new Recipe(this);
        }
    }
}
