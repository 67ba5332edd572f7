package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final long targetChunkSize;
    private final List<String> chunkFavor;
    private final long maxTaskMemory;
    private final Compressor compressor;
    private final List<String> dropVariables;
    private final Map<String, Object> setAttributes;
    private final List<Preprocessor> preprocessors;
    private final String source;
    private final SourceOptions sourceOptions;
    private final CacheOptions cache;
    private final Map<String, VariableEncoding> encoding;
    private final double coordinateTolerance;
    private final String group;
    private final boolean allGroups;
    private final int zarrFormat;
    private final Map<String, Integer> shards;
    private final String kind;

    private Recipe(Builder b) {
        this.name = b.name;
        if (b.filePattern == null) {
            throw new RecipeException("recipe '" + b.name + "': file_pattern is required: say where the input files are");
        }
        this.filePattern = b.filePattern;
        this.fileType = b.fileType;
        this.targetChunks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.targetChunks));
        this.inputsPerChunk = b.inputsPerChunk;
        this.targetChunkSize = b.targetChunkSize;
        this.chunkFavor = List.copyOf(b.chunkFavor);
        this.maxTaskMemory = b.maxTaskMemory;
        this.compressor = b.compressor;
        this.dropVariables = List.copyOf(b.dropVariables);
        this.setAttributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.setAttributes));
        this.preprocessors = List.copyOf(b.preprocessors);
        this.source = b.source;
        this.sourceOptions = b.sourceOptions;
        this.cache = b.cache;
        this.encoding = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.encoding));
        this.coordinateTolerance = b.coordinateTolerance;
        this.group = b.group;
        this.allGroups = b.allGroups;
        this.zarrFormat = b.zarrFormat;
        this.shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.shards));
        this.kind = b.kind;
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

    /**
     * Desired bytes per chunk (0: none): the planner picks chunk lengths for the dimensions that
     * {@link #targetChunks()} does not name, keeping {@link #chunkFavor()} dimensions long.
     */
    public long targetChunkSize() { return targetChunkSize; }

    /** Dimensions to keep as long as possible when sizing chunks from {@link #targetChunkSize()}, first most. */
    public List<String> chunkFavor() { return chunkFavor; }

    /** Memory budget of one store task in bytes (0: the default, see the planner). Does not change the output. */
    public long maxTaskMemory() { return maxTaskMemory; }

    public Compressor compressor() { return compressor; }

    public List<String> dropVariables() { return dropVariables; }

    /** Global attributes to set on the target (override those of the inputs). */
    public Map<String, Object> setAttributes() { return setAttributes; }

    public List<Preprocessor> preprocessors() { return preprocessors; }

    /** Where the recipe came from (a file path, or "java"), for messages. */
    public String source() { return source; }

    /** How remote inputs are fetched: headers, credentials (by environment variable), politeness. */
    public SourceOptions sourceOptions() { return sourceOptions; }

    /** Whether and where remote inputs are cached. */
    public CacheOptions cache() { return cache; }

    /** Target encoding per variable; inputs packed otherwise are re-encoded into it. */
    public Map<String, VariableEncoding> encoding() { return encoding; }

    /**
     * Largest absolute difference (in the coordinate's units) allowed between the values of a
     * non-concat dimension coordinate in different inputs; 0: they must be equal.
     */
    public double coordinateTolerance() { return coordinateTolerance; }

    /**
     * The NetCDF-4/HDF5 group read as the dataset, e.g. "/Grid" (as xarray's {@code group=}); null:
     * the root group.
     */
    public String group() { return group; }

    /** {@code groups: all}: the whole NetCDF-4/HDF5 hierarchy as nested Zarr groups. */
    public boolean allGroups() { return allGroups; }

    /** The Zarr format of the target: 2 (the default) or 3. */
    public int zarrFormat() { return zarrFormat; }

    /**
     * Zarr v3 shard length per dimension (empty: no shards): the write unit, one object each, holding
     * chunks of {@link #targetChunks()}; dimensions not named are whole (see docs/recipes.md).
     */
    public Map<String, Integer> shards() { return shards; }

    /** {@code kind: zarr} (the default): copy into a Zarr store. */
    public static final String KIND_ZARR = "zarr";
    /** {@code kind: reference}: a kerchunk JSON reference store over the inputs, copying no data. */
    public static final String KIND_REFERENCE = "reference";

    /** What the run writes: {@link #KIND_ZARR} or {@link #KIND_REFERENCE}. */
    public String kind() { return kind; }

    /** Whether the run writes a reference store ({@code kind: reference}). */
    public boolean isReference() { return KIND_REFERENCE.equals(kind); }

    /** The same recipe over the first {@code n} keys of the concat dimension. */
    public Recipe pruned(int n) {
        Builder b = toBuilder();
        b.filePattern = filePattern.prune(n);
        return b.build();
    }

    /**
     * Checks the recipe against the rules the YAML loader applies (positive chunks, a compressor
     * name, template placeholders matching the dimensions, non-empty keys...).
     *
     * @throws RecipeException listing every problem, by YAML field name
     */
    public Recipe validate() {
        return validate(RecipeRule.NONE);
    }

    /**
     * {@link #validate()} and also {@code rule} (the application's codec registry, for instance).
     *
     * @throws RecipeException listing every problem, by YAML field name
     */
    public Recipe validate(RecipeRule rule) {
        List<RecipeProblem> problems = new java.util.ArrayList<>(RecipeValidator.check(this));
        problems.addAll(rule.check(this));
        if (!problems.isEmpty()) {
            StringBuilder msg = new StringBuilder("recipe '" + name + "'");
            if (source != null && !"java".equals(source)) {
                msg.append(" (").append(source).append(")");
            }
            if (problems.size() == 1) {
                msg.append(": ").append(problems.get(0).message());
            } else {
                msg.append(" has ").append(problems.size()).append(" problems:");
                problems.forEach(p -> msg.append("\n  ").append(p.message()));
            }
            throw new RecipeException(msg.toString());
        }
        return this;
    }

    /**
     * SHA-256 (hex) of {@link #canonicalForm()}: equal for recipes that produce the same output,
     * whatever their source file, map order or relative-path base directory.
     */
    public String fingerprint() {
        return Fingerprint.sha256Hex(canonicalForm());
    }

    /** The stable text {@link #fingerprint()} hashes; compare two of them to see why fingerprints differ. */
    public String canonicalForm() {
        return Fingerprint.canonicalForm(this);
    }

    public Builder toBuilder() {
        Builder b = new Builder(filePattern);
        b.name = name;
        b.fileType = fileType;
        b.targetChunks.putAll(targetChunks);
        b.inputsPerChunk = inputsPerChunk;
        b.targetChunkSize = targetChunkSize;
        b.chunkFavor.addAll(chunkFavor);
        b.maxTaskMemory = maxTaskMemory;
        b.compressor = compressor;
        b.dropVariables.addAll(dropVariables);
        b.setAttributes.putAll(setAttributes);
        b.preprocessors.addAll(preprocessors);
        b.source = source;
        b.sourceOptions = sourceOptions;
        b.cache = cache;
        b.encoding.putAll(encoding);
        b.coordinateTolerance = coordinateTolerance;
        b.group = group;
        b.allGroups = allGroups;
        b.zarrFormat = zarrFormat;
        b.shards.putAll(shards);
        b.kind = kind;
        return b;
    }

    /** Builder for the Java DSL. */
    public static final class Builder {
        private String name = "recipe";
        private FilePattern filePattern;
        private FileType fileType = FileType.AUTO;
        private final Map<String, Integer> targetChunks = new LinkedHashMap<>();
        private int inputsPerChunk = 1;
        private long targetChunkSize;
        private final List<String> chunkFavor = new ArrayList<>();
        private long maxTaskMemory;
        private Compressor compressor = Compressor.DEFAULT;
        private final List<String> dropVariables = new ArrayList<>();
        private final Map<String, Object> setAttributes = new LinkedHashMap<>();
        private final List<Preprocessor> preprocessors = new ArrayList<>();
        private String source = "java";
        private SourceOptions sourceOptions = SourceOptions.DEFAULT;
        private CacheOptions cache = CacheOptions.DEFAULT;
        private final Map<String, VariableEncoding> encoding = new LinkedHashMap<>();
        private double coordinateTolerance;
        private String group;
        private boolean allGroups;
        private int zarrFormat = 2;
        private final Map<String, Integer> shards = new LinkedHashMap<>();
        private String kind = KIND_ZARR;

        private Builder(FilePattern pattern) {
            this.filePattern = pattern;
        }

        public Builder name(String name) { this.name = name; return this; }

        public Builder fileType(FileType t) { this.fileType = t; return this; }

        public Builder targetChunk(String dim, int length) { this.targetChunks.put(dim, length); return this; }

        public Builder targetChunks(Map<String, Integer> chunks) { this.targetChunks.putAll(chunks); return this; }

        public Builder inputsPerChunk(int n) { this.inputsPerChunk = n; return this; }

        /** Chunks of about {@code bytes} (dynamic chunking), keeping the {@code favor} dimensions long. */
        public Builder targetChunkSize(long bytes, String... favor) {
            this.targetChunkSize = bytes;
            this.chunkFavor.clear();
            this.chunkFavor.addAll(List.of(favor));
            return this;
        }

        /** As {@link #targetChunkSize(long, String...)} with a size like "100MB". */
        public Builder targetChunkSize(String size, String... favor) {
            return targetChunkSize(ByteSize.parse(size), favor);
        }

        public Builder maxTaskMemory(long bytes) { this.maxTaskMemory = bytes; return this; }

        /** A size like "512MB" or "1GiB". */
        public Builder maxTaskMemory(String size) { return maxTaskMemory(ByteSize.parse(size)); }

        public Builder compressor(Compressor c) { this.compressor = c; return this; }

        public Builder dropVariables(String... names) { this.dropVariables.addAll(List.of(names)); return this; }

        public Builder setAttribute(String key, Object value) { this.setAttributes.put(key, value); return this; }

        public Builder preprocess(Preprocessor p) { this.preprocessors.add(p); return this; }

        /** A built-in preprocessor by its YAML name, see {@link Preprocessors#byName}. */
        public Builder preprocess(String builtinName, Object args) {
            return preprocess(Preprocessors.byName(builtinName, args));
        }

        public Builder source(String source) { this.source = source; return this; }

        public Builder sourceOptions(SourceOptions o) { this.sourceOptions = o; return this; }

        /** An HTTP header sent with every request (put secrets in {@link #credentials}). */
        public Builder header(String name, String value) {
            this.sourceOptions = sourceOptions.withHeader(name, value);
            return this;
        }

        public Builder credentials(SourceOptions.Credentials c) {
            this.sourceOptions = sourceOptions.withCredentials(c);
            return this;
        }

        public Builder maxConnectionsPerHost(int n) {
            this.sourceOptions = sourceOptions.withMaxConnectionsPerHost(n);
            return this;
        }

        public Builder cache(CacheOptions c) { this.cache = c; return this; }

        /** The target encoding of one variable, e.g. {@code encoding("sst", VariableEncoding.float32())}. */
        public Builder encoding(String variable, VariableEncoding e) { this.encoding.put(variable, e); return this; }

        /** See {@link Recipe#coordinateTolerance()}. */
        public Builder coordinateTolerance(double t) { this.coordinateTolerance = t; return this; }

        /** See {@link Recipe#group()}: read this NetCDF-4/HDF5 group, e.g. "/Grid", as the dataset. */
        public Builder group(String path) { this.group = path; return this; }

        /** See {@link Recipe#allGroups()}. */
        public Builder allGroups(boolean all) { this.allGroups = all; return this; }

        /** The target's Zarr format: 2 (the default) or 3. */
        public Builder zarrFormat(int format) { this.zarrFormat = format; return this; }

        /** Zarr v3 shards of {@code length} along {@code dim} (needs zarrFormat(3)). */
        public Builder shard(String dim, int length) { this.shards.put(dim, length); return this; }

        public Builder shards(Map<String, Integer> lengths) { this.shards.putAll(lengths); return this; }

        /** {@code zarr} (the default) or {@code reference}: see {@link Recipe#kind()}. */
        public Builder kind(String kind) { this.kind = kind; return this; }

        /** The recipe, validated ({@link Recipe#validate()}). */
        public Recipe build() {
            return new Recipe(this).validate();
        }

        /** For the YAML loader, which reports problems with line numbers itself. */
        Recipe buildUnvalidated() {
            return new Recipe(this);
        }
    }
}
