package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;

class TemplateAndPatternTest {
    @Test
    void rendersDateAndNumberFormats() {
        Map<String, Object> keys = Map.of("time", LocalDate.of(1981, 9, 1), "n", 7, "v", "sst");
        assertThat(UrlTemplate.render("{time:yyyyMMdd}", keys)).isEqualTo("19810901");
        assertThat(UrlTemplate.render("{time:yyyy/MM}/{time:DDD}", keys)).isEqualTo("1981/09/244");
        assertThat(UrlTemplate.render("f{n:%03d}_{v}.nc", keys)).isEqualTo("f007_sst.nc");
        assertThat(UrlTemplate.render("{time}", keys)).isEqualTo("1981-09-01");
        assertThat(UrlTemplate.render("plain.nc", keys)).isEqualTo("plain.nc");
        assertThat(UrlTemplate.render("{v}{n}}", keys)).as("adjacent placeholders, a lone '}' is text").isEqualTo("sst7}");
        assertThat(UrlTemplate.render("{time:MMM}", keys)).as("independent of the default locale").isEqualTo("Sep");
        assertThat(UrlTemplate.render("{t:yyyyMMddHH}", Map.of("t", LocalDateTime.of(2000, 1, 2, 18, 0))))
                .isEqualTo("2000010218");
    }

    @Test
    void mismatchedFormatsFailInsteadOfRenderingGarbage() {
        assertThatThrownBy(() -> UrlTemplate.render("{n:yyyy}", Map.of("n", 5))).hasMessageContaining("not a date");
        assertThatThrownBy(() -> UrlTemplate.render("{t:%03d}", Map.of("t", LocalDate.of(2000, 1, 1))))
                .hasMessageContaining("is a date");
        assertThatThrownBy(() -> UrlTemplate.render("{t:HH}", Map.of("t", LocalDate.of(2000, 1, 1))))
                .hasMessageContaining("cannot format key '2000-01-01' of {t} with 'HH'");
    }

    @Property
    void datePlaceholdersMatchTheCalendar(@ForAll @DateRange(min = "1900-01-01", max = "2100-12-31") LocalDate d) {
        String url = UrlTemplate.render("x/{time:yyyy/MM}/f.{time:yyyyMMdd}.nc", Map.of("time", d));
        String expected = "x/" + pad(d.getYear(), 4) + "/" + pad(d.getMonthValue(), 2) + "/f."
                + pad(d.getYear(), 4) + pad(d.getMonthValue(), 2) + pad(d.getDayOfMonth(), 2) + ".nc";
        assertThat(url).isEqualTo(expected);
    }

    @Property
    void numberPlaceholdersArePadded(@ForAll @IntRange(min = 0, max = 99999) int n) {
        String url = UrlTemplate.render("{n:%05d}", Map.of("n", n));
        assertThat(url).hasSize(5);
        assertThat(Integer.parseInt(url)).isEqualTo(n);
    }

    private static String pad(int v, int width) {
        StringBuilder s = new StringBuilder(Integer.toString(v));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }

    @Property
    void dateKeysAreEvenlySpacedAndInclusive(@ForAll @DateRange(min = "1950-01-01", max = "2050-01-01") LocalDate start,
                                             @ForAll @IntRange(min = 0, max = 400) int days,
                                             @ForAll @IntRange(min = 1, max = 10) int step) {
        LocalDate end = start.plusDays(days);
        List<Object> keys = Keys.dates(start, end, Period.ofDays(step));
        assertThat(keys).hasSize(days / step + 1);
        assertThat(keys.get(0)).isEqualTo(start);
        for (int i = 1; i < keys.size(); i++) {
            assertThat(((LocalDate) keys.get(i - 1)).plusDays(step)).isEqualTo(keys.get(i));
        }
        assertThat((LocalDate) keys.get(keys.size() - 1)).isBeforeOrEqualTo(end);
        assertThat(((LocalDate) keys.get(keys.size() - 1)).plusDays(step)).isAfter(end);
    }

    @Property
    void inputsAreConcatMajorWithMerge(@ForAll @Size(min = 1, max = 8) @UniqueElements List<@IntRange(max = 999) Integer> cKeys,
                                       @ForAll @Size(min = 1, max = 4) @UniqueElements List<@AlphaChars @StringLength(min = 1, max = 5) String> mKeys) {
        FilePattern p = FilePattern.template("{c}/{m}.nc", ConcatDim.of("c", cKeys), MergeDim.of("m", mKeys));
        List<InputFile> inputs = p.inputs();
        assertThat(inputs).hasSize(cKeys.size() * mKeys.size());
        for (int i = 0; i < inputs.size(); i++) {
            InputFile in = inputs.get(i);
            int ci = i / mKeys.size();
            int mi = i % mKeys.size();
            assertThat(in.index()).isEqualTo(i);
            assertThat(in.concatIndex()).isEqualTo(ci);
            assertThat(in.mergeIndex()).isEqualTo(mi);
            assertThat(in.keys()).containsExactly(Map.entry("c", cKeys.get(ci)), Map.entry("m", mKeys.get(mi)));
            assertThat(in.url()).isEqualTo(cKeys.get(ci) + "/" + mKeys.get(mi) + ".nc");
        }
    }

    @Property
    void pruneKeepsTheFirstConcatKeys(@ForAll @IntRange(min = 1, max = 20) int size,
                                      @ForAll @IntRange(min = 1, max = 25) int n) {
        FilePattern p = FilePattern.template("{c}_{m}", ConcatDim.of("c", Keys.range(0, size), 3),
                MergeDim.of("m", List.of("a", "b")));
        FilePattern pruned = p.prune(n);
        int kept = Math.min(n, size);
        assertThat(pruned.concatDim().orElseThrow().keys()).isEqualTo(p.concatDim().orElseThrow().keys().subList(0, kept));
        assertThat(pruned.concatDim().orElseThrow().itemsPerFile()).isEqualTo(3);
        assertThat(pruned.mergeDim()).isEqualTo(p.mergeDim());
        assertThat(pruned.inputs()).isEqualTo(p.inputs().subList(0, kept * 2));
    }

    @Test
    void inputsAreBuiltOnceAndSurviveJavaSerialization() throws Exception {
        FilePattern p = FilePattern.template("d/{t:yyyyMMdd}_{v}.nc",
                ConcatDim.of("t", Keys.dates(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 5), Period.ofDays(1))),
                MergeDim.of("v", List.of("sst", "ice")));
        List<InputFile> inputs = p.inputs();
        assertThat(p.inputs()).isSameAs(inputs).hasSize(10);
        assertThatThrownBy(() -> inputs.add(inputs.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inputs.get(0).keys().put("t", 1)).isInstanceOf(UnsupportedOperationException.class);

        FilePattern copy = JavaSerialization.roundTrip(p);
        assertThat(copy.inputs()).isEqualTo(inputs).isSameAs(copy.inputs());
        assertThat(JavaSerialization.roundTrip(inputs.get(3))).isEqualTo(inputs.get(3));
        FilePattern files = FilePattern.files("time", List.of("/a.nc", "/b.nc"), null);
        assertThat(files.inputs()).isSameAs(files.inputs());
        assertThat(JavaSerialization.roundTrip(files).inputs()).isEqualTo(files.inputs());
    }

    @Test
    void pruneOfAFileList() {
        List<String> files = new ArrayList<>(List.of("/a.nc", "/b.nc", "/c.nc"));
        FilePattern p = FilePattern.files("time", files, null);
        assertThat(p.prune(2).inputs()).extracting(InputFile::url).containsExactly("/a.nc", "/b.nc");
        assertThat(p.prune(2).files()).contains(List.of("/a.nc", "/b.nc"));
        assertThatThrownBy(() -> p.prune(0)).isInstanceOf(RecipeException.class);
    }

    @Test
    void prunedRecipeKeepsEverythingElse() {
        Recipe r = Recipe.builder(FilePattern.template("{t}.nc", ConcatDim.of("t", Keys.range(0, 10))))
                .name("n").targetChunk("t", 5).inputsPerChunk(2).dropVariables("x").setAttribute("a", 1)
                .compressor(new Compressor("zlib", 4, false)).fileType(FileType.NETCDF3).source("s.yaml").build();
        Recipe p = r.pruned(3);
        assertThat(p.filePattern().inputs()).hasSize(3);
        assertThat(List.of(p.name(), p.targetChunks(), p.inputsPerChunk(), p.dropVariables(), p.setAttributes(),
                p.compressor(), p.fileType(), p.source()))
                .isEqualTo(List.of(r.name(), r.targetChunks(), r.inputsPerChunk(), r.dropVariables(), r.setAttributes(),
                        r.compressor(), r.fileType(), r.source()));
    }

    @Test
    void relativePathsResolveAgainstTheRecipeDirectory() {
        java.nio.file.Path base = java.nio.file.Path.of("/home/u/recipes");
        for (String kept : List.of("/abs/{t}.nc", "file:/x/{t}.nc", "file:///x/{t}.nc", "http://h/{t}.nc",
                "s3a://bucket/{t}.nc", "gs://b/{t}.nc", "hdfs://nn:8020/{t}.nc")) {
            assertThat(FilePattern.template(kept).resolvedAgainst(base).template()).contains(kept);
        }
        assertThat(FilePattern.template("data/{t:yyyy}.nc").resolvedAgainst(base).template())
                .contains("/home/u/recipes/data/{t:yyyy}.nc");
        assertThat(FilePattern.template("./{t}.nc").resolvedAgainst(base).template()).contains("/home/u/recipes/{t}.nc");
        assertThat(FilePattern.template("../../d/{t}.nc").resolvedAgainst(base).template()).contains("/home/d/{t}.nc");
        assertThat(FilePattern.template("{t}.nc").resolvedAgainst(base).template()).contains("/home/u/recipes/{t}.nc");
    }
}
