package org.arcoforge.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a recipe from YAML (format: docs/recipes.md). Every problem is a {@link RecipeException}
 * whose message starts with "FILE line L, column C:" and names the field.
 *
 * <p>The YAML is first read into a small tree that keeps each node's line and column (Jackson's
 * own trees drop them), then converted field by field; the rules shared with the Java builder run
 * last and are located through the field path they report.
 */
public final class RecipeYaml {
    static final List<String> TOP_LEVEL_FIELDS = List.of("name", "file_pattern", "file_type", "target_chunks",
            "inputs_per_chunk", "target_chunk_size", "max_task_memory", "compressor", "drop_variables", "set_attributes",
            "preprocess", "source", "cache", "encoding", "coordinate_tolerance", "group", "groups",
            "zarr_format", "shards", "kind");
    static final List<String> FILE_PATTERN_FIELDS = List.of("template", "files", "concat_dim", "merge_dim");
    static final List<String> CONCAT_DIM_FIELDS = List.of("name", "keys", "items_per_file");
    static final List<String> MERGE_DIM_FIELDS = List.of("name", "keys");
    static final List<String> KEYS_FIELDS = List.of("dates", "range");
    static final List<String> DATES_FIELDS = List.of("start", "end", "step");
    static final List<String> RANGE_FIELDS = List.of("start", "stop", "step");
    static final List<String> CHUNK_SIZE_FIELDS = List.of("size", "favor");
    static final List<String> COMPRESSOR_FIELDS = List.of("name", "level", "shuffle");
    static final List<String> SOURCE_FIELDS = List.of("headers", "credentials", "max_connections_per_host", "retries",
            "timeout_seconds");
    static final List<String> CREDENTIALS_FIELDS = List.of("username_env", "password_env", "bearer_token_env",
            "query_string_secrets");
    static final List<String> CACHE_FIELDS = List.of("enabled", "root");
    static final List<String> ENCODING_FIELDS = List.of("dtype", "scale_factor", "add_offset", "_FillValue");

    private static final YAMLFactory YAML = new YAMLFactory();

    private RecipeYaml() {
    }

    /** Loads {@code file}; relative paths in it are resolved against the file's directory. */
    public static Recipe load(Path file) {
        return load(file, RecipeRule.NONE);
    }

    /** {@link #load(Path)}, also checking {@code rule}: its problems carry the line of their field too. */
    public static Recipe load(Path file, RecipeRule rule) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new RecipeException("cannot read recipe " + file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new RecipeException("cannot read recipe " + file + ": it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new RecipeException("cannot read recipe " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent(), rule);
    }

    /**
     * Parses recipe text.
     *
     * @param sourceName what messages call the file (e.g. recipes/oisst.yaml)
     * @param baseDir    directory that relative template and file paths are resolved against, or
     *                   null to keep them relative
     */
    public static Recipe parse(String yamlText, String sourceName, Path baseDir) {
        return parse(yamlText, sourceName, baseDir, RecipeRule.NONE);
    }

    /** {@link #parse(String, String, Path)}, also checking {@code rule}. */
    public static Recipe parse(String yamlText, String sourceName, Path baseDir, RecipeRule rule) {
        return new Loader(sourceName, baseDir, rule).load(yamlText);
    }

    // Tree reading and typed access: YamlTree; field groups: FilePatternYaml, SourceYaml, EncodingYaml.
    private static final class Loader extends EncodingYaml {
        private final RecipeRule rule;

        Loader(String source, Path baseDir, RecipeRule rule) {
            super(source, baseDir);
            this.rule = rule;
        }

        Recipe load(String text) {
            Node root;
            try (JsonParser p = YAML.createParser(text)) {
                JsonToken first = p.nextToken();
                root = first == null ? null : read(p, "", null);
                if (root != null && p.nextToken() != null) {
                    throw error(loc(p.currentTokenLocation()), "only one YAML document per recipe file, found another");
                }
            } catch (JsonProcessingException e) {
                throw syntaxError(e);
            } catch (IOException e) {
                throw new RecipeException(source + ": cannot read YAML: " + e.getMessage(), e);
            }
            if (root == null || root instanceof Scalar s && s.value() == null) {
                throw error(Loc.START, "the recipe is empty: it needs at least a file_pattern");
            }
            if (!(root instanceof MapNode top)) {
                throw error(root.loc(), "a recipe is a mapping of fields (name: ..., file_pattern: ...), got "
                        + describe(root));
            }
            return recipe(top);
        }

        // ---- the recipe ----

        private Recipe recipe(MapNode top) {
            checkFields(top, "", TOP_LEVEL_FIELDS);
            Field fp = top.get("file_pattern");
            if (fp == null) {
                throw error(top.loc(), "the recipe has no file_pattern: say where the input files are"
                        + " (file_pattern: {template: ..., concat_dim: ...})");
            }
            Recipe.Builder b = Recipe.builder(filePattern(fp).resolvedAgainst(baseDir)).source(source);
            Field f;
            b.name((f = top.get("name")) != null ? text(f.value(), "name") : defaultName());
            if ((f = top.get("file_type")) != null) {
                b.fileType(fileType(f.value()));
            }
            if ((f = given(top, "target_chunks")) != null) {
                for (Field chunk : map(f.value(), "target_chunks", "{time: 10, lat: 360}").fields().values()) {
                    b.targetChunk(chunk.key(), integer(chunk.value(), "target_chunks." + chunk.key(), "a positive integer"));
                }
            }
            if ((f = top.get("inputs_per_chunk")) != null) {
                b.inputsPerChunk(integer(f.value(), "inputs_per_chunk", "a positive integer"));
            }
            if ((f = given(top, "target_chunk_size")) != null) {
                Node n = f.value();
                if (n instanceof MapNode m) {
                    checkFields(m, "target_chunk_size", CHUNK_SIZE_FIELDS);
                    Field size = m.get("size");
                    if (size == null) {
                        throw error(m.loc(), "target_chunk_size needs a size, e.g. {size: 100MB, favor: [time]}");
                    }
                    Field favor = given(m, "favor");
                    b.targetChunkSize(size(size.value(), "target_chunk_size.size"),
                            favor == null ? new String[0]
                                    : texts(favor.value(), "target_chunk_size.favor").toArray(String[]::new));
                } else {
                    b.targetChunkSize(size(n, "target_chunk_size"));
                }
            }
            if ((f = given(top, "max_task_memory")) != null) {
                b.maxTaskMemory(size(f.value(), "max_task_memory"));
            }
            if ((f = top.get("compressor")) != null) {
                b.compressor(compressor(f));
            }
            if ((f = given(top, "drop_variables")) != null) {
                b.dropVariables(texts(f.value(), "drop_variables").toArray(String[]::new));
            }
            if ((f = given(top, "set_attributes")) != null) {
                for (Field a : map(f.value(), "set_attributes", "{title: \"Daily OISST\"}").fields().values()) {
                    b.setAttribute(a.key(), toJava(a.value()));
                }
            }
            if ((f = given(top, "preprocess")) != null) {
                List<Node> steps = list(f.value(), "preprocess").items();
                for (int i = 0; i < steps.size(); i++) {
                    b.preprocess(preprocessor(steps.get(i), "preprocess[" + i + "]"));
                }
            }
            if ((f = given(top, "source")) != null) {
                b.sourceOptions(sourceOptions(f));
            }
            if ((f = top.get("cache")) != null) {
                b.cache(cache(f));
            }
            if ((f = given(top, "encoding")) != null) {
                for (Field v : map(f.value(), "encoding", "{sst: {dtype: float32}}").fields().values()) {
                    b.encoding(v.key(), encoding(v));
                }
            }
            if ((f = given(top, "coordinate_tolerance")) != null) {
                b.coordinateTolerance(number(f.value(), "coordinate_tolerance"));
            }
            if ((f = top.get("group")) != null) {
                b.group(text(f.value(), "group"));
            }
            if ((f = top.get("groups")) != null) {
                if (!"all".equals(text(f.value(), "groups").trim())) {
                    throw error(f.value().loc(), "groups must be all (every group as nested Zarr groups), got "
                            + describe(f.value()) + "; to read one group, use group: /NAME");
                }
                b.allGroups(true);
            }
            if ((f = top.get("zarr_format")) != null) {
                b.zarrFormat(integer(f.value(), "zarr_format", "2 or 3"));
            }
            if ((f = top.get("kind")) != null) {
                b.kind(text(f.value(), "kind"));
            }
            if ((f = given(top, "shards")) != null) {
                for (Field s : map(f.value(), "shards", "{time: 365}").fields().values()) {
                    b.shard(s.key(), integer(s.value(), "shards." + s.key(), "a positive integer"));
                }
            }
            Recipe r = b.buildUnvalidated();
            List<RecipeProblem> problems = new java.util.ArrayList<>(RecipeValidator.check(r));
            if (problems.stream().noneMatch(pr -> pr.path().startsWith("compressor"))) {
                problems.addAll(rule.check(r));
            }
            if (!problems.isEmpty()) {
                List<String> lines = problems.stream()
                        .map(pr -> Map.entry(locate(pr.path()), pr.message()))
                        .sorted(Comparator.comparingInt((Map.Entry<Loc, String> e) -> e.getKey().line())
                                .thenComparingInt(e -> e.getKey().column()))
                        .map(e -> prefix(e.getKey()) + e.getValue())
                        .toList();
                throw new RecipeException(String.join("\n", lines));
            }
            return r;
        }

        private String defaultName() {
            String fileName = source.replace('\\', '/');
            fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
            String stem = fileName.replaceFirst("\\.(yaml|yml)$", "");
            return stem.isBlank() ? "recipe" : stem;
        }

        private FileType fileType(Node n) {
            String t = text(n, "file_type");
            try {
                return FileType.valueOf(t.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(n.loc(), "file_type must be one of netcdf3, netcdf4, auto, got " + describe(n));
            }
        }
    }

    /** " (did you mean 'x'?)" for a near miss, else " (LISTLABEL a, b, c)". */
    static String suggestion(String got, List<String> known, String listLabel) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = normalize(k).equals(normalize(got)) ? 0 : distance(got.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, got.length() / 4)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (" + listLabel + " " + String.join(", ", known) + ")";
    }

    /** targetChunks, target-chunks and TARGET_CHUNKS all mean target_chunks. */
    private static String normalize(String s) {
        return s.replaceAll("[_\\-\\s]", "").toLowerCase(Locale.ROOT);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
