package org.arcoforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's package map, enforced: which way packages may depend (read from the sources'
 * imports). recipe-dsl knows no format; plan knows no I/O; formats know no Spark; the store
 * knows no format; the stages choose the format in one place.
 */
class PackageDependenciesTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.\\w+;", Pattern.MULTILINE);

    /** Package (below org.arcoforge) -> import prefixes it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "plan", List.of("org.arcoforge.source", "org.arcoforge.netcdf", "org.arcoforge.codec", "org.arcoforge.store",
                    "org.arcoforge.format", "org.arcoforge.stage", "org.arcoforge.spark", "org.apache", "ucar", "io.jhdf"),
            "codec", List.of("org.arcoforge.source", "org.arcoforge.netcdf", "org.arcoforge.store", "org.arcoforge.format",
                    "org.arcoforge.plan", "org.arcoforge.stage", "org.arcoforge.spark", "org.apache.spark", "org.apache.hadoop"),
            "source", List.of("org.arcoforge.netcdf", "org.arcoforge.codec", "org.arcoforge.store", "org.arcoforge.format",
                    "org.arcoforge.plan", "org.arcoforge.stage", "org.arcoforge.spark", "org.apache.spark"),
            "netcdf", List.of("org.arcoforge.store", "org.arcoforge.format", "org.arcoforge.plan", "org.arcoforge.stage",
                    "org.arcoforge.spark", "org.apache.spark"),
            "store", List.of("org.arcoforge.netcdf", "org.arcoforge.codec", "org.arcoforge.format", "org.arcoforge.plan",
                    "org.arcoforge.stage", "org.arcoforge.spark", "org.apache.spark"),
            "format", List.of("org.arcoforge.source", "org.arcoforge.netcdf", "org.arcoforge.stage", "org.arcoforge.spark",
                    "org.arcoforge.cli", "org.apache.spark"),
            "format/reference", List.of("org.arcoforge.source", "org.arcoforge.stage", "org.arcoforge.spark",
                    "org.arcoforge.cli", "org.apache.spark"),
            "format/zarr3", List.of("org.arcoforge.source", "org.arcoforge.netcdf", "org.arcoforge.stage",
                    "org.arcoforge.spark", "org.arcoforge.cli", "org.apache.spark"),
            "stage", List.of("org.arcoforge.spark", "org.arcoforge.cli", "org.apache.spark"),
            "grid", List.of("org.arcoforge", "org.apache", "ucar", "io.jhdf"));

    @Test
    void packagesDependOnlyTheWayTheReadmeSays() throws IOException {
        List<String> broken = new ArrayList<>();
        Path main = Path.of("src/main/java/org/arcoforge");
        FORBIDDEN.forEach((pkg, forbidden) -> {
            for (String[] imp : imports(main.resolve(pkg))) {
                for (String f : forbidden) {
                    // format.reference points at netcdf's byte layouts (README): the one format that may
                    boolean layouts = pkg.equals("format") && imp[0].contains("/format/reference/")
                            && f.equals("org.arcoforge.netcdf");
                    if (!layouts && (imp[1].equals(f) || imp[1].startsWith(f + "."))) {
                        broken.add(imp[0] + " imports " + imp[1]);
                    }
                }
            }
        });
        // the one place that picks the format; every other stage class goes through TargetStore
        for (String[] imp : imports(main.resolve("stage"))) {
            if (imp[1].startsWith("org.arcoforge.format.") && !imp[0].endsWith("TargetStore.java")
                    && !imp[0].endsWith("ReferenceTarget.java")) {
                broken.add(imp[0] + " imports " + imp[1] + " (only TargetStore and ReferenceTarget know a concrete format)");
            }
        }
        for (String[] imp : imports(Path.of("../recipe-dsl/src/main/java"))) {
            if (!imp[1].startsWith("java.") && !imp[1].startsWith("com.fasterxml.jackson")
                    && !imp[1].startsWith("org.arcoforge.recipe")) {
                broken.add(imp[0] + " imports " + imp[1] + " (recipe-dsl knows no Spark, Hadoop or format)");
            }
        }
        // the Zarr formats are siblings: v3 borrows v2's JSON helpers (ZarrJson, FillValueJson), never the reverse
        for (String[] imp : imports(main.resolve("format/zarr2"))) {
            if (imp[1].startsWith("org.arcoforge.format.zarr3")) {
                broken.add(imp[0] + " imports " + imp[1] + " (Zarr v2 knows no v3)");
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theCheckSeesImports() {
        // guards against a path mistake that would make the test above pass on nothing
        assertThat(imports(Path.of("src/main/java/org/arcoforge/plan"))).hasSizeGreaterThan(10);
        assertThat(imports(Path.of("../recipe-dsl/src/main/java"))).hasSizeGreaterThan(10);
    }

    /** (file, imported package) for every import of every source file below {@code dir}. */
    private static List<String[]> imports(Path dir) {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(new String[] {f.toString(), m.group(1)});
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
