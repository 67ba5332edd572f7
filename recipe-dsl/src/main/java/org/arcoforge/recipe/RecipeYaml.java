package org.arcoforge.recipe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            "preprocess", "source", "cache", "encoding", "coordinate_tolerance", "group", "groups");
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
    private static final Pattern SNAKE_MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+)");

    private RecipeYaml() {
    }

    /** Loads {@code file}; relative paths in it are resolved against the file's directory. */
    public static Recipe load(Path file) {
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
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * Parses recipe text.
     *
     * @param sourceName what messages call the file (e.g. recipes/oisst.yaml)
     * @param baseDir    directory that relative template and file paths are resolved against, or
     *                   null to keep them relative
     */
    public static Recipe parse(String yamlText, String sourceName, Path baseDir) {
        return new Loader(sourceName, baseDir).load(yamlText);
    }

    private record Loc(int line, int column) {
        static final Loc START = new Loc(1, 1);
    }

    private sealed interface Node permits MapNode, ListNode, Scalar {
        Loc loc();
    }

    private record Field(String key, Loc keyLoc, Node value) {
    }

    private record MapNode(Loc loc, Map<String, Field> fields) implements Node {
        Field get(String key) { return fields.get(key); }
    }

    private record ListNode(Loc loc, List<Node> items) implements Node {
    }

    /** value: String, Integer, Long, BigInteger, Double, Boolean or null. */
    private record Scalar(Loc loc, Object value) implements Node {
    }

    private static final class Loader {
        private final String source;
        private final Path baseDir;
        // Field path (target_chunks.lat, preprocess[0]) -> where it is written, to place validator problems.
        private final Map<String, Loc> locations = new HashMap<>();

        Loader(String source, Path baseDir) {
            this.source = source == null ? "recipe" : source;
            this.baseDir = baseDir;
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

        // ---- reading the tree ----

        private Node read(JsonParser p, String path, Loc ownerLoc) throws IOException {
            Loc loc = loc(p.currentTokenLocation());
            Node node = switch (p.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Field> fields = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        Loc keyLoc = loc(p.currentTokenLocation());
                        p.nextToken();
                        Node value = read(p, join(path, key), keyLoc);
                        Field before = fields.get(key);
                        if (before != null) {
                            throw error(keyLoc, "field '" + key + "' appears twice in " + where(path)
                                    + " (first on line " + before.keyLoc().line() + ")");
                        }
                        fields.put(key, new Field(key, keyLoc, value));
                    }
                    yield new MapNode(loc, fields);
                }
                case START_ARRAY -> {
                    List<Node> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(read(p, path + "[" + items.size() + "]", null));
                    }
                    yield new ListNode(loc, items);
                }
                case VALUE_STRING -> new Scalar(loc, p.getText());
                case VALUE_NUMBER_INT -> new Scalar(loc, p.getNumberValue());
                case VALUE_NUMBER_FLOAT -> new Scalar(loc, p.getDoubleValue());
                case VALUE_TRUE -> new Scalar(loc, Boolean.TRUE);
                case VALUE_FALSE -> new Scalar(loc, Boolean.FALSE);
                case VALUE_NULL -> new Scalar(loc, null);
                default -> throw error(loc, "unsupported YAML value at " + where(path) + ": " + p.getText());
            };
            // A mapping or list is best shown where its key is written; a scalar where its value is.
            locations.put(path, node instanceof Scalar || ownerLoc == null ? loc : ownerLoc);
            return node;
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
            Recipe r = b.buildUnvalidated();
            List<RecipeValidator.Problem> problems = RecipeValidator.check(r);
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

        private FilePattern filePattern(Field fp) {
            String path = "file_pattern";
            if (isNull(fp.value())) {
                throw error(fp.keyLoc(), "file_pattern is empty: give a template (or files) and a concat_dim");
            }
            MapNode m = map(fp.value(), path, "{template: \"data/{time:yyyyMMdd}.nc\", concat_dim: {...}}");
            checkFields(m, path, FILE_PATTERN_FIELDS);
            Field template = m.get("template");
            Field files = m.get("files");
            Field concat = m.get("concat_dim");
            Field merge = m.get("merge_dim");
            if (template != null && files != null) {
                throw error(files.keyLoc(), "file_pattern has both template and files: give one of them");
            }
            if (files != null) {
                if (concat == null) {
                    throw error(files.keyLoc(), "file_pattern.files needs a concat_dim naming the dimension the files"
                            + " are concatenated along (concat_dim: {name: time})");
                }
                if (merge != null) {
                    throw error(merge.keyLoc(), "file_pattern.merge_dim cannot be used with files:"
                            + " use a template with a {" + "name} placeholder for it");
                }
                List<String> list = texts(files.value(), "file_pattern.files");
                ConcatDim c = concatDim(concat, false);
                return FilePattern.files(c.name(), list, c.itemsPerFile());
            }
            if (template == null) {
                throw error(fp.keyLoc(), "file_pattern needs a template (e.g. \"data/{time:yyyyMMdd}.nc\")"
                        + " or a list of files");
            }
            String t = text(template.value(), "file_pattern.template");
            List<CombineDim> dims = new ArrayList<>();
            if (concat != null) {
                dims.add(concatDim(concat, true));
            }
            if (merge != null) {
                dims.add(mergeDim(merge));
            }
            return FilePattern.template(t, dims.toArray(CombineDim[]::new));
        }

        private ConcatDim concatDim(Field f, boolean keysWanted) {
            String path = "file_pattern.concat_dim";
            MapNode m = map(f.value(), path, "{name: time, keys: ...}");
            checkFields(m, path, CONCAT_DIM_FIELDS);
            String name = requiredText(m, f, path, "name", "the dimension the inputs are concatenated along, e.g. name: time");
            Field keys = m.get("keys");
            List<Object> keyList;
            if (keysWanted) {
                if (keys == null) {
                    throw error(f.keyLoc(), path + " needs keys: a list [a, b], {dates: {start, end, step}}"
                            + " or {range: {start, stop}}");
                }
                keyList = keys(keys, path + ".keys");
            } else {
                if (keys != null) {
                    throw error(keys.keyLoc(), path + ".keys is not allowed with file_pattern.files:"
                            + " the files, in order, are the keys");
                }
                keyList = List.of();
            }
            Field ipf = m.get("items_per_file");
            Integer itemsPerFile = ipf == null ? null : integer(ipf.value(), path + ".items_per_file", "a positive integer");
            return new ConcatDim(name, keyList, itemsPerFile);
        }

        private MergeDim mergeDim(Field f) {
            String path = "file_pattern.merge_dim";
            MapNode m = map(f.value(), path, "{name: variable, keys: [sst, ice]}");
            checkFields(m, path, MERGE_DIM_FIELDS);
            String name = requiredText(m, f, path, "name", "the name of its template placeholder, e.g. name: variable");
            Field keys = m.get("keys");
            if (keys == null) {
                throw error(f.keyLoc(), path + " needs keys: the values of {" + name + "}, e.g. keys: [sst, ice]");
            }
            return new MergeDim(name, keys(keys, path + ".keys"));
        }

        private List<Object> keys(Field f, String path) {
            Node n = f.value();
            if (isNull(n) || n instanceof ListNode l && l.items().isEmpty() || n instanceof MapNode m && m.fields().isEmpty()) {
                throw error(f.keyLoc(), path + " is empty: give at least one key");
            }
            if (n instanceof ListNode l) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    Node item = l.items().get(i);
                    if (!(item instanceof Scalar s) || s.value() == null) {
                        throw error(item.loc(), path + "[" + i + "] must be a single value (text or number), got "
                                + describe(item));
                    }
                    out.add(s.value());
                }
                return out;
            }
            if (!(n instanceof MapNode m)) {
                throw error(n.loc(), path + " must be a list [a, b], {dates: {start, end, step}} or"
                        + " {range: {start, stop}}, got " + describe(n));
            }
            checkFields(m, path, KEYS_FIELDS);
            if (m.fields().size() > 1) {
                throw error(m.get("range").keyLoc(), path + " has both dates and range: give one of them");
            }
            Field dates = m.get("dates");
            return dates != null ? dates(dates, path + ".dates") : range(m.get("range"), path + ".range");
        }

        private List<Object> dates(Field f, String path) {
            MapNode m = map(f.value(), path, "{start: 1981-09-01, end: 1981-09-30, step: P1D}");
            checkFields(m, path, DATES_FIELDS);
            for (String required : DATES_FIELDS) {
                if (m.get(required) == null) {
                    throw error(f.keyLoc(), path + " needs start, end and step (missing " + required
                            + "), e.g. {start: 1981-09-01, end: 1981-09-30, step: P1D}");
                }
            }
            Object start = dateValue(m.get("start").value(), path + ".start");
            Object end = dateValue(m.get("end").value(), path + ".end");
            Node stepNode = m.get("step").value();
            if (start.getClass() != end.getClass()) {
                throw error(m.get("end").value().loc(), path + ".end must be a " + kind(start) + " like start ("
                        + start + "), got " + end);
            }
            TemporalAmount step = step(stepNode, path + ".step", start instanceof LocalDateTime);
            boolean endBeforeStart = start instanceof LocalDate s ? ((LocalDate) end).isBefore(s)
                    : ((LocalDateTime) end).isBefore((LocalDateTime) start);
            if (endBeforeStart) {
                throw error(m.get("end").value().loc(), path + ".end " + end + " is before start " + start);
            }
            try {
                return start instanceof LocalDate s ? Keys.dates(s, (LocalDate) end, (Period) step)
                        : Keys.dateTimes((LocalDateTime) start, (LocalDateTime) end, step);
            } catch (RecipeException e) {
                throw error(f.keyLoc(), path + ": " + e.getMessage().replaceFirst("^dates: ", ""));
            }
        }

        private static String kind(Object temporal) {
            return temporal instanceof LocalDate ? "date" : "date-time";
        }

        private Object dateValue(Node n, String path) {
            String hint = " must be a date like 1981-09-01 or a date-time like 1981-09-01T06:00, got ";
            if (!(n instanceof Scalar s) || !(s.value() instanceof String text)) {
                throw error(n.loc(), path + hint + describe(n));
            }
            String t = text.trim();
            try {
                if (t.length() <= 10) {
                    return LocalDate.parse(t);
                }
                // Times are naive (no time zone); a trailing Z for UTC is accepted and dropped.
                return LocalDateTime.parse(t.replace(' ', 'T').replaceFirst("Z$", ""));
            } catch (DateTimeParseException e) {
                throw error(n.loc(), path + hint + describe(n));
            }
        }

        private TemporalAmount step(Node n, String path, boolean dateTimes) {
            String hint = " must be an ISO-8601 period like P1D, P7D, P1M or P1Y"
                    + (dateTimes ? " (or a duration like PT6H)" : "") + ", got ";
            if (!(n instanceof Scalar s) || !(s.value() instanceof String text)) {
                throw error(n.loc(), path + hint + describe(n));
            }
            String t = text.trim().toUpperCase(Locale.ROOT);
            try {
                if (t.contains("T")) {
                    if (!dateTimes) {
                        throw error(n.loc(), path + " " + text + " is a duration (hours, minutes): it needs start"
                                + " and end with a time, e.g. start: 1981-09-01T00:00");
                    }
                    return Duration.parse(t);
                }
                return Period.parse(t);
            } catch (DateTimeParseException e) {
                throw error(n.loc(), path + hint + describe(n));
            }
        }

        private List<Object> range(Field f, String path) {
            MapNode m = map(f.value(), path, "{start: 1, stop: 13}");
            checkFields(m, path, RANGE_FIELDS);
            if (m.get("stop") == null) {
                throw error(f.keyLoc(), path + " needs stop (exclusive), e.g. {start: 1, stop: 13}");
            }
            int start = m.get("start") == null ? 0 : integer(m.get("start").value(), path + ".start", "an integer");
            int stop = integer(m.get("stop").value(), path + ".stop", "an integer");
            int step = m.get("step") == null ? 1 : integer(m.get("step").value(), path + ".step", "an integer");
            try {
                return Keys.range(start, stop, step);
            } catch (RecipeException e) {
                throw error(f.keyLoc(), path + ": " + e.getMessage().replaceFirst("^range: ", ""));
            }
        }

        private Compressor compressor(Field f) {
            String path = "compressor";
            if (f.value() instanceof Scalar) {
                return Compressor.named(text(f.value(), path).trim().toLowerCase(Locale.ROOT));
            }
            MapNode m = map(f.value(), path, "{name: zstd, level: 1, shuffle: true}");
            checkFields(m, path, COMPRESSOR_FIELDS);
            String name = requiredText(m, f, path, "name", "one of " + String.join(", ", Compressor.NAMES))
                    .trim().toLowerCase(Locale.ROOT);
            Compressor defaults = Compressor.named(name);
            Field level = m.get("level");
            Field shuffle = m.get("shuffle");
            return new Compressor(name,
                    level == null ? defaults.level() : integer(level.value(), path + ".level", "an integer"),
                    shuffle == null ? defaults.shuffle() : bool(shuffle.value(), path + ".shuffle"));
        }

        private VariableEncoding encoding(Field f) {
            String path = "encoding." + f.key();
            MapNode m = map(f.value(), path, "{dtype: float32} or {dtype: int16, scale_factor: 0.01, _FillValue: -999}");
            checkFields(m, path, ENCODING_FIELDS);
            Field x;
            String dtype = (x = given(m, "dtype")) == null ? null : text(x.value(), path + ".dtype").trim().toLowerCase(Locale.ROOT);
            Double scale = (x = given(m, "scale_factor")) == null ? null : number(x.value(), path + ".scale_factor");
            Double offset = (x = given(m, "add_offset")) == null ? null : number(x.value(), path + ".add_offset");
            Double fill = (x = given(m, "_FillValue")) == null ? null : number(x.value(), path + "._FillValue");
            return new VariableEncoding(dtype, scale, offset, fill);
        }

        /** A number; NaN also as text (NaN, nan). */
        private double number(Node n, String path) {
            if (n instanceof Scalar s && s.value() instanceof Number num) {
                return num.doubleValue();
            }
            if (n instanceof Scalar s && s.value() instanceof String t && t.trim().matches("(?i)nan")) {
                return Double.NaN;
            }
            throw error(n.loc(), path + " must be a number, got " + describe(n));
        }

        private SourceOptions sourceOptions(Field f) {
            String path = "source";
            MapNode m = map(f.value(), path, "{headers: {User-Agent: my-lab}, max_connections_per_host: 2}");
            checkFields(m, path, SOURCE_FIELDS);
            SourceOptions o = SourceOptions.DEFAULT;
            Field x;
            if ((x = given(m, "headers")) != null) {
                for (Field h : map(x.value(), path + ".headers", "{User-Agent: \"my-lab (me@example.org)\"}")
                        .fields().values()) {
                    o = o.withHeader(h.key(), text(h.value(), path + ".headers." + h.key()));
                }
            }
            if ((x = given(m, "credentials")) != null) {
                o = o.withCredentials(credentials(x));
            }
            if ((x = m.get("max_connections_per_host")) != null) {
                o = o.withMaxConnectionsPerHost(integer(x.value(), path + ".max_connections_per_host", "a positive integer"));
            }
            if ((x = m.get("retries")) != null) {
                o = o.withRetries(integer(x.value(), path + ".retries", "0 or a positive integer"));
            }
            if ((x = m.get("timeout_seconds")) != null) {
                o = o.withTimeoutSeconds(integer(x.value(), path + ".timeout_seconds", "a positive integer"));
            }
            return o;
        }

        private SourceOptions.Credentials credentials(Field f) {
            String path = "source.credentials";
            MapNode m = map(f.value(), path, "{username_env: EARTHDATA_USER, password_env: EARTHDATA_PASSWORD}");
            checkFields(m, path, CREDENTIALS_FIELDS);
            Map<String, String> query = new LinkedHashMap<>();
            Field q = given(m, "query_string_secrets");
            if (q != null) {
                for (Field p : map(q.value(), path + ".query_string_secrets", "{token: MY_TOKEN_VARIABLE}").fields().values()) {
                    query.put(p.key(), text(p.value(), path + ".query_string_secrets." + p.key()));
                }
            }
            return new SourceOptions.Credentials(optionalText(m, path, "username_env"),
                    optionalText(m, path, "password_env"), optionalText(m, path, "bearer_token_env"), query);
        }

        private String optionalText(MapNode m, String path, String key) {
            Field f = m.get(key);
            return f == null ? null : text(f.value(), path + "." + key);
        }

        private CacheOptions cache(Field f) {
            String path = "cache";
            if (f.value() instanceof Scalar) {
                return bool(f.value(), path) ? CacheOptions.DEFAULT : CacheOptions.OFF;
            }
            MapNode m = map(f.value(), path, "{enabled: true, root: \"s3a://bucket/cache\"}");
            checkFields(m, path, CACHE_FIELDS);
            boolean enabled = m.get("enabled") == null || bool(m.get("enabled").value(), path + ".enabled");
            String root = m.get("root") == null ? null : text(m.get("root").value(), path + ".root");
            return new CacheOptions(enabled, root == null ? null : FilePattern.resolve(baseDir, root));
        }

        private Preprocessor preprocessor(Node n, String path) {
            if (!(n instanceof MapNode m) || m.fields().size() != 1) {
                throw error(n.loc(), path + " must be one step written as 'name: arguments', e.g."
                        + " '- rename_variables: {analysed_sst: sst}'; the built-in steps are "
                        + String.join(", ", Preprocessors.names()));
            }
            Field step = m.fields().values().iterator().next();
            if (!Preprocessors.names().contains(step.key())) {
                throw error(step.keyLoc(), path + ": unknown preprocess step '" + step.key() + "'"
                        + suggestion(step.key(), Preprocessors.names(), "the built-in steps are"));
            }
            try {
                return Preprocessors.byName(step.key(), toJava(step.value()));
            } catch (RecipeException e) {
                throw error(step.value().loc(), path + "." + e.getMessage());
            }
        }

        // ---- typed access ----

        private void checkFields(MapNode m, String path, List<String> known) {
            for (Field f : m.fields().values()) {
                if (!known.contains(f.key())) {
                    throw error(f.keyLoc(), "unknown field '" + f.key() + "' in " + where(path)
                            + suggestion(f.key(), known, "known fields:"));
                }
            }
        }

        private String requiredText(MapNode m, Field owner, String path, String key, String what) {
            Field f = m.get(key);
            if (f == null) {
                throw error(owner.keyLoc(), path + " needs a " + key + ": " + what);
            }
            return text(f.value(), path + "." + key);
        }

        private MapNode map(Node n, String path, String example) {
            if (n instanceof MapNode m) {
                return m;
            }
            throw error(n.loc(), path + " must be a mapping of name: value pairs, e.g. " + example + ", got "
                    + shown(n, path));
        }

        private ListNode list(Node n, String path) {
            if (n instanceof ListNode l) {
                return l;
            }
            throw error(n.loc(), path + " must be a list, [a, b] or lines starting with '- ', got " + describe(n));
        }

        private String text(Node n, String path) {
            if (n instanceof Scalar s && s.value() instanceof String t && !t.isBlank()) {
                return t;
            }
            if (isNull(n) || n instanceof Scalar s && s.value() instanceof String) {
                throw error(n.loc(), path + " is empty: give a value");
            }
            String quoteHint = n instanceof Scalar s && !holdsSecrets(path)
                    ? " (put it in quotes: \"" + s.value() + "\")" : "";
            throw error(n.loc(), path + " must be text, got " + shown(n, path) + quoteHint);
        }

        private List<String> texts(Node n, String path) {
            if (!(n instanceof ListNode l)) {
                throw error(n.loc(), path + " must be a list of names, e.g. [a, b], got " + describe(n));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                out.add(text(l.items().get(i), path + "[" + i + "]"));
            }
            return out;
        }

        private int integer(Node n, String path, String what) {
            if (n instanceof Scalar s && s.value() instanceof Integer i) {
                return i;
            }
            String extra = n instanceof Scalar s && (s.value() instanceof Long || s.value() instanceof BigInteger)
                    ? " (too large)" : "";
            throw error(n.loc(), path + " must be " + what + ", got " + describe(n) + extra);
        }

        private long size(Node n, String path) {
            if (n instanceof Scalar s && (s.value() instanceof String || s.value() instanceof Number)) {
                try {
                    return ByteSize.parse(String.valueOf(s.value()));
                } catch (IllegalArgumentException e) {
                    throw error(n.loc(), path + ": " + e.getMessage());
                }
            }
            throw error(n.loc(), path + " must be a size such as 100MB or 1GiB, got " + describe(n));
        }

        private boolean bool(Node n, String path) {
            if (n instanceof Scalar s && s.value() instanceof Boolean b) {
                return b;
            }
            throw error(n.loc(), path + " must be true or false, got " + describe(n));
        }

        private static boolean isNull(Node n) {
            return n instanceof Scalar s && s.value() == null;
        }

        /**
         * Field {@code key} of {@code m}, or null when it is absent or empty: for the fields read
         * through here (docs/recipes.md lists them), {@code key:} with nothing after it counts as left out.
         */
        private static Field given(MapNode m, String key) {
            Field f = m.get(key);
            return f == null || isNull(f.value()) ? null : f;
        }

        private static Object toJava(Node n) {
            if (n instanceof Scalar s) {
                return s.value();
            }
            if (n instanceof ListNode l) {
                List<Object> out = new ArrayList<>();
                l.items().forEach(i -> out.add(toJava(i)));
                return out;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((MapNode) n).fields().forEach((k, f) -> out.put(k, toJava(f.value())));
            return out;
        }

        private static String describe(Node n) {
            if (n instanceof Scalar s) {
                return RecipeValidator.describe(s.value());
            }
            return n instanceof MapNode ? "a mapping" : "a list";
        }

        /** {@link #describe}, but only the kind of a scalar where a secret may be written by mistake. */
        private static String shown(Node n, String path) {
            if (holdsSecrets(path) && n instanceof Scalar s && s.value() != null) {
                return s.value() instanceof String ? "text" : s.value() instanceof Boolean ? "true or false" : "a number";
            }
            return describe(n);
        }

        /** Credentials name environment variables, but a secret may be pasted there, or into a header. */
        private static boolean holdsSecrets(String path) {
            return path.startsWith("source.credentials") || path.startsWith("source.headers");
        }

        // ---- messages ----

        private Loc locate(String path) {
            String p = path;
            while (true) {
                Loc l = locations.get(p);
                if (l != null) {
                    return l;
                }
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                if (cut <= 0) {
                    return Loc.START;
                }
                p = p.substring(0, cut);
            }
        }

        private String prefix(Loc l) {
            return source + " line " + l.line() + ", column " + l.column() + ": ";
        }

        private RecipeException error(Loc l, String message) {
            return new RecipeException(prefix(l) + message);
        }

        private RecipeException syntaxError(JsonProcessingException e) {
            // SnakeYAML's message is "context / mark / problem / mark" with quoted source lines; its
            // problem mark is more precise than the location Jackson reports.
            JsonLocation jl = e.getLocation();
            Loc l = jl == null ? Loc.START : loc(jl);
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            List<String> texts = new ArrayList<>();
            List<Loc> marks = new ArrayList<>();
            for (String line : original.split("\n")) {
                Matcher m = SNAKE_MARK.matcher(line);
                if (m.find()) {
                    marks.add(new Loc(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                } else if (!line.isBlank() && !line.startsWith(" ")) {
                    texts.add(line.trim());
                }
            }
            if (!marks.isEmpty()) {
                l = marks.get(marks.size() - 1);
            }
            String msg = texts.isEmpty() ? "invalid YAML" : texts.get(texts.size() - 1);
            if (texts.size() > 1) {
                msg += " (" + texts.get(0) + (marks.size() > 1 ? " that starts on line " + marks.get(0).line() : "") + ")";
            }
            return new RecipeException(prefix(l) + "this is not valid YAML: " + msg, e);
        }

        private static Loc loc(JsonLocation l) {
            return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String where(String path) {
            return path.isEmpty() ? "recipe" : path;
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
