package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The docs and the schema must match what the loader accepts. */
class DocsTest {
    private static Path docs;
    private static JsonNode schema;

    @BeforeAll
    static void locate() throws IOException {
        // Surefire runs in the module directory; docs/ is beside it.
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        docs = module.getParent().resolve("docs");
        assertThat(docs.resolve("recipes.md")).isRegularFile();
        schema = new ObjectMapper().readTree(docs.resolve("recipe.schema.json").toFile());
    }

    private static List<Path> filesUnder(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyYamlBlockInTheDocsParses() throws IOException {
        Pattern block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
        int count = 0;
        for (Path md : filesUnder(docs, ".md")) {
            Matcher m = block.matcher(Files.readString(md));
            while (m.find()) {
                Recipe r = RecipeYaml.parse(m.group(1), md + " block " + ++count, md.getParent());
                assertThat(r.filePattern().inputs()).isNotEmpty();
            }
        }
        assertThat(count).as("yaml blocks in docs/*.md").isPositive();
    }

    @Test
    void everyExampleFileParses() throws IOException {
        List<Path> files = new ArrayList<>(filesUnder(docs, ".yaml"));
        files.addAll(filesUnder(Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources"), ".yaml"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        for (Path f : files) {
            assertThat(RecipeYaml.load(f).filePattern().inputs()).as(f.toString()).isNotEmpty();
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> enumOf(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.get("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void schemaListsExactlyTheFieldsTheLoaderAccepts() {
        assertThat(schema.get("$schema").asText()).contains("json-schema.org");
        JsonNode top = schema.get("properties");
        assertThat(names(top)).isEqualTo(new TreeSet<>(RecipeYaml.TOP_LEVEL_FIELDS));
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();

        JsonNode pattern = top.get("file_pattern").get("properties");
        assertThat(names(pattern)).isEqualTo(new TreeSet<>(RecipeYaml.FILE_PATTERN_FIELDS));
        assertThat(names(pattern.get("concat_dim").get("properties"))).isEqualTo(new TreeSet<>(RecipeYaml.CONCAT_DIM_FIELDS));
        assertThat(names(pattern.get("merge_dim").get("properties"))).isEqualTo(new TreeSet<>(RecipeYaml.MERGE_DIM_FIELDS));

        JsonNode keyForms = schema.get("$defs").get("keys").get("oneOf");
        assertThat(names(keyForms.get(1).get("properties").get("dates").get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.DATES_FIELDS));
        assertThat(names(keyForms.get(2).get("properties").get("range").get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.RANGE_FIELDS));

        assertThat(names(top.get("compressor").get("oneOf").get(1).get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.COMPRESSOR_FIELDS));
        assertThat(names(top.get("target_chunk_size").get("oneOf").get(1).get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.CHUNK_SIZE_FIELDS));
        // compressorName and the level bounds: spark-app's SchemaMatchesCodecRegistryTest (the registry knows them)
        assertThat(enumOf(top.get("file_type"))).isEqualTo(new TreeSet<>(
                Arrays.stream(FileType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList()));
        assertThat(names(top.get("preprocess").get("items").get("properties")))
                .isEqualTo(new TreeSet<>(Preprocessors.names()));
        JsonNode source = top.get("source").get("properties");
        assertThat(names(source)).isEqualTo(new TreeSet<>(RecipeYaml.SOURCE_FIELDS));
        assertThat(names(source.get("credentials").get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.CREDENTIALS_FIELDS));
        assertThat(names(top.get("cache").get("oneOf").get(1).get("properties")))
                .isEqualTo(new TreeSet<>(RecipeYaml.CACHE_FIELDS));
        assertThat(source.get("max_connections_per_host").get("default").asInt())
                .isEqualTo(SourceOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST);
        assertThat(source.get("retries").get("default").asInt()).isEqualTo(SourceOptions.DEFAULT_RETRIES);
        assertThat(source.get("timeout_seconds").get("default").asInt()).isEqualTo(SourceOptions.DEFAULT_TIMEOUT_SECONDS);
    }

    /** A null in the schema says an empty field counts as left out: the loader must agree. */
    private static boolean allowsNull(JsonNode field) {
        if (field.has("$ref")) {
            return allowsNull(schema.at(field.get("$ref").asText().substring(1)));
        }
        JsonNode type = field.get("type");
        if (type != null) {
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        if (field.has("oneOf")) {
            for (JsonNode alternative : field.get("oneOf")) {
                if (allowsNull(alternative)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each field of {@code properties}, written empty by {@code recipe}, loads exactly when the schema allows null. */
    private static void emptyLoadsWhereTheSchemaAllowsNull(JsonNode properties, String path,
                                                           java.util.function.Function<String, String> recipe) {
        for (String field : names(properties)) {
            String yaml = recipe.apply(field);
            String problem = null;
            try {
                RecipeYaml.parse(yaml, "r.yaml", null);
            } catch (RecipeException e) {
                problem = e.getMessage();
            }
            boolean allowed = allowsNull(properties.get(field));
            assertThat(problem == null).as(path + field + " left empty loads (" + problem + ")").isEqualTo(allowed);
            if (!allowed) {
                assertThat(problem).as("the error names " + path + field).contains(path + field);
            }
        }
    }

    @Test
    void anEmptyFieldCountsAsLeftOutExactlyWhereTheSchemaAllowsNull() {
        String pattern = "file_pattern:\n  template: \"d/{t}.nc\"\n  concat_dim: {name: t, keys: [1, 2]}\n";
        JsonNode top = schema.get("properties");
        emptyLoadsWhereTheSchemaAllowsNull(top, "",
                f -> f.equals("file_pattern") ? f + ":\n" : pattern + f + ":\n");
        emptyLoadsWhereTheSchemaAllowsNull(top.get("source").get("properties"), "source.",
                f -> pattern + "source:\n  " + f + ":\n");
        emptyLoadsWhereTheSchemaAllowsNull(top.get("source").get("properties").get("credentials").get("properties"),
                "source.credentials.", f -> pattern + "source:\n  credentials:\n    " + f + ":\n");
        emptyLoadsWhereTheSchemaAllowsNull(top.get("target_chunk_size").get("oneOf").get(1).get("properties"),
                "target_chunk_size.", f -> pattern + "target_chunk_size:\n" + (f.equals("size") ? "" : "  size: 1MB\n")
                        + "  " + f + ":\n");
        emptyLoadsWhereTheSchemaAllowsNull(top.get("compressor").get("oneOf").get(1).get("properties"),
                "compressor.", f -> pattern + "compressor:\n" + (f.equals("name") ? "" : "  name: zstd\n")
                        + "  " + f + ":\n");
        emptyLoadsWhereTheSchemaAllowsNull(top.get("cache").get("oneOf").get(1).get("properties"),
                "cache.", f -> pattern + "cache:\n  " + f + ":\n");
    }

    @Test
    void docsMentionEveryField() throws IOException {
        String md = Files.readString(docs.resolve("recipes.md"));
        for (List<String> fields : List.of(RecipeYaml.TOP_LEVEL_FIELDS, RecipeYaml.FILE_PATTERN_FIELDS,
                RecipeYaml.CONCAT_DIM_FIELDS, RecipeYaml.CHUNK_SIZE_FIELDS, Preprocessors.names(),
                RecipeYaml.SOURCE_FIELDS, RecipeYaml.CREDENTIALS_FIELDS, RecipeYaml.CACHE_FIELDS)) {
            for (String f : fields) {
                assertThat(md).as("docs/recipes.md documents " + f).contains("`" + f + "`");
            }
        }
    }
}
