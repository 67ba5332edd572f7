package org.arcoforge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/recipe.schema.json and the compressor table of docs/recipes.md say what the registry says. */
class SchemaMatchesCodecRegistryTest {
    private static Path docs() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return module.getParent().resolve("docs");
    }

    @Test
    void schemaListsTheRegistrysNamesAndLevelBounds() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(docs().resolve("recipe.schema.json").toFile());
        List<String> names = new ArrayList<>();
        schema.get("$defs").get("compressorName").get("enum").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyElementsOf(CodecRegistry.names());
        JsonNode level = schema.get("properties").get("compressor").get("oneOf").get(1).get("properties").get("level");
        assertThat(level.get("minimum").asInt())
                .isEqualTo(Arrays.stream(CompressorKind.values()).mapToInt(CompressorKind::minLevel).min().orElseThrow());
        assertThat(level.get("maximum").asInt())
                .isEqualTo(Arrays.stream(CompressorKind.values()).mapToInt(CompressorKind::maxLevel).max().orElseThrow());
    }

    @Test
    void docsTableGivesEachNameItsLevelsAndDefault() throws IOException {
        String md = Files.readString(docs().resolve("recipes.md"));
        String section = md.substring(md.indexOf("### `compressor`"));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("| name |")));
        // | `zstd` | -131072 to 22 (...) | 1 |
        Pattern row = Pattern.compile("^\\| (.+?) \\| (-?\\d+)(?: to (-?\\d+))?[^|]*\\| (-?\\d+) \\|$", Pattern.MULTILINE);
        Matcher m = row.matcher(section);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            Matcher name = Pattern.compile("`([a-z0-9-]+)`").matcher(m.group(1));
            while (name.find()) {
                CompressorKind k = CodecRegistry.kindOf(name.group(1));
                assertThat(k).as(name.group(1) + " is a registry name").isNotNull();
                int min = Integer.parseInt(m.group(2));
                int max = m.group(3) == null ? min : Integer.parseInt(m.group(3));
                assertThat(new int[] {min, max, Integer.parseInt(m.group(4))}).as(name.group(1))
                        .containsExactly(k.minLevel(), k.maxLevel(), k.defaultLevel());
                documented.add(name.group(1));
            }
        }
        assertThat(documented).containsExactlyElementsOf(CodecRegistry.names());
    }
}
