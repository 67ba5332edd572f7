package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.arcoforge.plan.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class PlannerTest {
    @Test
    void everyPlanOptionsConstructorTakingEncodingsTakesShardsToo() {
        // a constructor with encodings but no shards once dropped the recipe's shards silently (append, groups)
        for (java.lang.reflect.Constructor<?> c : PlanOptions.class.getConstructors()) {
            List<Class<?>> types = List.of(c.getParameterTypes());
            if (types.size() > 8) {
                assertThat(types).as(c.toString()).hasSize(PlanOptions.class.getRecordComponents().length);
            }
        }
    }

    private static final List<String> T = List.of("time");
    private static final List<String> TLAT = List.of("time", "lat");

    /** One input per year, "days since <year>-01-01", with a time coordinate 0..2, its bounds and tas(time, lat). */
    private static List<InputMetadata> yearly(DType timeType, String calendar, int... years) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < years.length; c++) {
            out.add(input(c, c, 0).url("s3://era/tas_" + years[c] + ".nc").dim("time", 3).dim("lat", 2).dim("nv", 2)
                    .var("time", timeType, T, "units", "days since " + years[c] + "-01-01", "calendar", calendar,
                            "bounds", "time_bnds")
                    .var("time_bnds", timeType, List.of("time", "nv"))
                    .var("tas", DType.FLOAT32, TLAT, "units", "K")
                    .coordinate(timeType == DType.INT32 ? new int[] {0, 1, 2} : Fixtures.range(0, 3)).build());
        }
        return out;
    }

    private static List<ValueTransform> transformsOf(StorePlan plan, String variable) {
        return plan.tasks().stream().flatMap(t -> t.writes().stream()).filter(w -> w.variable().equals(variable))
                .flatMap(w -> w.fragments().stream()).map(Fragment::transform).collect(Collectors.toList());
    }

    private static List<ChunkWrite> writesOf(StorePlan plan, String variable) {
        return plan.tasks().stream().flatMap(t -> t.writes().stream()).filter(w -> w.variable().equals(variable))
                .collect(Collectors.toList());
    }

    // ---- time re-encoding -------------------------------------------------------------------------

    @Test
    void reEncodesYearlyReferenceDatesIntoTheFirstInputsUnits() {
        StorePlan plan = Planner.plan(yearly(DType.FLOAT64, "standard", 1981, 1982, 1983, 1985),
                options("time", Map.of("time", 3), 1));
        // 1984 is a leap year, 1981-1983 are not.
        assertThat(transformsOf(plan, "time_bnds")).extracting(ValueTransform::offset)
                .containsExactly(0.0, 365.0, 730.0, 1461.0);
        assertThat(transformsOf(plan, "time_bnds")).allMatch(t -> t.scale() == 1);
        // Data values are never re-encoded.
        assertThat(transformsOf(plan, "tas")).hasSize(4).allMatch(ValueTransform::isIdentity);
        assertThat((double[]) plan.schema().precomputedValues().get("time"))
                .containsExactly(0, 1, 2, 365, 366, 367, 730, 731, 732, 1461, 1462, 1463);
        assertThat(plan.schema().variable("time").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(plan.schema().variable("time").attributes()).containsEntry("units", "days since 1981-01-01");
    }

    @Test
    void integralOffsetsKeepAnIntegerTime() {
        StorePlan plan = Planner.plan(yearly(DType.INT32, "standard", 1981, 1982), options("time"));
        assertThat(plan.schema().variable("time").dtype()).isEqualTo(DType.INT32);
        assertThat((int[]) plan.schema().precomputedValues().get("time")).containsExactly(0, 1, 2, 365, 366, 367);
    }

    @Test
    void reEncodesHoursIntoDaysAndPromotesIntegersToFloat64() {
        List<InputMetadata> in = List.of(
                input(0, 0, 0).dim("time", 2).dim("nv", 2)
                        .var("time", DType.INT32, T, "units", "days since 2000-01-01", "bounds", "time_bnds")
                        .var("time_bnds", DType.INT32, List.of("time", "nv"))
                        .coordinate(new int[] {0, 1}).build(),
                input(1, 1, 0).dim("time", 2).dim("nv", 2)
                        .var("time", DType.INT32, T, "units", "hours since 2000-01-03 00:00:00", "bounds", "time_bnds")
                        .var("time_bnds", DType.INT32, List.of("time", "nv"))
                        .coordinate(new int[] {0, 12}).build());
        StorePlan plan = Planner.plan(in, options("time"));
        assertThat(plan.schema().variable("time").dtype()).isEqualTo(DType.FLOAT64);
        assertThat((double[]) plan.schema().precomputedValues().get("time")).containsExactly(0, 1, 2, 2.5);
        // The bounds inherit the time variable's units, so they are re-encoded and promoted too.
        assertThat(plan.schema().variable("time_bnds").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(transformsOf(plan, "time_bnds")).containsExactly(ValueTransform.IDENTITY, new ValueTransform(1.0 / 24, 2));
    }

    @Test
    void noleapAnd360DayCalendarsCountTheirOwnYears() {
        StorePlan noleap = Planner.plan(yearly(DType.FLOAT64, "noleap", 2003, 2005), options("time"));
        assertThat(transformsOf(noleap, "time_bnds")).extracting(ValueTransform::offset).containsExactly(0.0, 730.0);
        StorePlan d360 = Planner.plan(yearly(DType.FLOAT64, "360_day", 2003, 2005), options("time"));
        assertThat(transformsOf(d360, "time_bnds")).extracting(ValueTransform::offset).containsExactly(0.0, 720.0);
        StorePlan standard = Planner.plan(yearly(DType.FLOAT64, "standard", 2003, 2005), options("time"));
        assertThat(transformsOf(standard, "time_bnds")).extracting(ValueTransform::offset).containsExactly(0.0, 731.0);
    }

    @Test
    void differentCalendarsAreRefusedNamingTheFile() {
        List<InputMetadata> in = new ArrayList<>(yearly(DType.FLOAT64, "standard", 2000));
        in.add(yearly(DType.FLOAT64, "noleap", 2000, 2001).get(1));
        assertThatThrownBy(() -> Planner.plan(in, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("s3://era/tas_2001.nc").hasMessageContaining("'time'")
                .hasMessageContaining("noleap").hasMessageContaining("calendar");
    }

    @Test
    void differingMonthsUnitsAreRefused() {
        List<InputMetadata> in = List.of(
                input(0, 0, 0).url("a.nc").dim("time", 1).var("time", DType.FLOAT64, T, "units", "months since 2000-01-01").build(),
                input(1, 1, 0).url("b.nc").dim("time", 1).var("time", DType.FLOAT64, T, "units", "months since 2001-01-01").build());
        assertThatThrownBy(() -> Planner.plan(in, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("months");
    }

    @Test
    void float32CoordinatePromotedOnlyWhenValuesAreNotExact() {
        List<InputMetadata> exact = List.of(
                input(0, 0, 0).dim("time", 1).var("time", DType.FLOAT32, T, "units", "days since 2000-01-01")
                        .coordinate(new float[] {0.5f}).build(),
                input(1, 1, 0).dim("time", 1).var("time", DType.FLOAT32, T, "units", "days since 2000-01-02")
                        .coordinate(new float[] {0.5f}).build());
        StorePlan p1 = Planner.plan(exact, options("time"));
        assertThat(p1.schema().variable("time").dtype()).isEqualTo(DType.FLOAT32);
        assertThat((float[]) p1.schema().precomputedValues().get("time")).containsExactly(0.5f, 1.5f);

        // 16777217 = 2^24 + 1 days cannot be held by a float.
        List<InputMetadata> inexact = List.of(exact.get(0),
                input(1, 1, 0).dim("time", 1).var("time", DType.FLOAT32, T, "units", "days since 2000-01-01")
                        .coordinate(new float[] {16777216f}).build(),
                input(2, 2, 0).dim("time", 1).var("time", DType.FLOAT32, T, "units", "days since 2000-01-02")
                        .coordinate(new float[] {16777216f}).build());
        StorePlan p2 = Planner.plan(inexact, options("time"));
        assertThat(p2.schema().variable("time").dtype()).isEqualTo(DType.FLOAT64);
        assertThat((double[]) p2.schema().precomputedValues().get("time")).containsExactly(0.5, 16777216, 16777217);
    }

    // ---- the concat coordinate ---------------------------------------------------------------------

    @Test
    void concatCoordinateIsPrecomputedAndNotWritten() {
        StorePlan plan = Planner.plan(yearly(DType.FLOAT64, "standard", 2000, 2000), options("time"));
        assertThat(plan.schema().precomputedValues()).containsOnlyKeys("time");
        assertThat(writesOf(plan, "time")).isEmpty();
        assertThat(writesOf(plan, "tas")).isNotEmpty();
    }

    @Test
    void concatCoordinateWithoutValuesIsOneChunkFromEveryInput() {
        List<InputMetadata> in = new ArrayList<>(yearly(DType.FLOAT64, "standard", 1981, 1982));
        InputMetadata second = in.get(1);
        in.set(1, new InputMetadata(second.input(), second.dims(), second.dataset(), null));
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 2), 1));
        assertThat(plan.schema().precomputedValues()).isEmpty();
        assertThat(plan.schema().variable("time").chunks()).containsExactly(6);
        List<ChunkWrite> writes = writesOf(plan, "time");
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).fragments()).extracting(Fragment::inputIndex).containsExactly(0, 1);
        assertThat(writes.get(0).fragments()).extracting(p -> p.destStart()[0]).containsExactly(0, 3);
        assertThat(writes.get(0).fragments()).extracting(p -> p.transform().offset()).containsExactly(0.0, 365.0);
    }

    // ---- chunks ------------------------------------------------------------------------------------

    @Test
    void dimensionCoordinatesAreOneChunk() {
        List<InputMetadata> in = List.of(input(0, 0, 0).dim("time", 4).dim("lat", 10)
                .var("lat", DType.FLOAT64, List.of("lat")).var("tas", DType.FLOAT32, TLAT).build());
        StorePlan plan = Planner.plan(in, options("time", Map.of("lat", 3, "time", 100), 1));
        assertThat(plan.schema().variable("lat").chunks()).containsExactly(10);
        assertThat(plan.schema().variable("tas").chunks()).containsExactly(4, 3);
        assertThat(writesOf(plan, "lat")).hasSize(1);
    }

    @Test
    void defaultConcatChunkIsInputsPerChunkTimesTheFirstLength() {
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            in.add(input(c, c, 0).dim("time", 10).dim("lat", 5).var("tas", DType.FLOAT32, TLAT).build());
        }
        assertThat(Planner.plan(in, options("time", Map.of(), 2)).schema().variable("tas").chunks()).containsExactly(20, 5);
        assertThat(Planner.plan(in, options("time", Map.of(), 5)).schema().variable("tas").chunks()).containsExactly(30, 5);
        assertThat(Planner.plan(in, options("time", Map.of("lat", 0), 1)).schema().variable("tas").chunks())
                .containsExactly(10, 1);
    }

    @Test
    void monthlyFilesFillTenDayChunksAcrossFileBoundaries() {
        int[] days = {31, 28, 31};
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            in.add(input(c, c, 0).dim("time", days[c]).var("tas", DType.FLOAT32, T).build());
        }
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 10), 1));
        assertThat(plan.schema().concatOffsets()).containsExactly(0, 31, 59, 90);
        assertThat(plan.tasks()).hasSize(9);
        // Chunk 3 is days 30..39: day 30 of January, then days 0..8 of February.
        ChunkWrite w = plan.tasks().get(3).writes().get(0);
        assertThat(w.chunkIndex()).containsExactly(3);
        assertThat(w.fragments()).extracting(Fragment::inputIndex).containsExactly(0, 1);
        assertThat(w.fragments()).extracting(p -> p.sourceStart()[0]).containsExactly(30L, 0L);
        assertThat(w.fragments()).extracting(p -> p.count()[0]).containsExactly(1, 9);
        assertThat(w.fragments()).extracting(p -> p.destStart()[0]).containsExactly(0, 1);
        // The last chunk is partial: days 80..89.
        ChunkWrite last = plan.tasks().get(8).writes().get(0);
        assertThat(last.fragments()).singleElement().satisfies(p -> {
            assertThat(p.sourceStart()).containsExactly(21);
            assertThat(p.count()).containsExactly(10);
        });
    }

    @Test
    void emptyInputsContributeNoPieces() {
        int[] lengths = {3, 0, 2};
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            in.add(input(c, c, 0).dim("time", lengths[c]).var("time", DType.FLOAT64, T, "units", "days since 2000-01-01")
                    .var("tas", DType.FLOAT32, T).coordinate(Fixtures.range(10 * c, lengths[c])).build());
        }
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 2), 1));
        assertThat(plan.schema().concatOffsets()).containsExactly(0, 3, 3, 5);
        assertThat((double[]) plan.schema().precomputedValues().get("time")).containsExactly(0, 1, 2, 20, 21);
        // Chunk 1 is element 2 of the first input and element 0 of the third.
        assertThat(writesOf(plan, "tas").get(1).fragments()).extracting(Fragment::inputIndex).containsExactly(0, 2);
    }

    @Test
    void oneInputHoldsSeveralChunks() {
        List<InputMetadata> in = List.of(input(0, 0, 0).dim("time", 25).var("tas", DType.FLOAT32, T).build());
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 10), 1));
        assertThat(plan.tasks()).extracting(t -> t.writes().get(0).fragments().get(0).count()[0]).containsExactly(10, 10, 5);
        assertThat(plan.tasks()).extracting(t -> t.writes().get(0).fragments().get(0).sourceStart()[0]).containsExactly(0L, 10L, 20L);
    }

    @Test
    void scalarsHaveNoShapeAndOneWrite() {
        List<InputMetadata> in = List.of(input(0, 0, 0).dim("time", 2).var("crs", DType.INT32, List.of())
                .var("tas", DType.FLOAT32, T).build(), input(1, 1, 0).dim("time", 2).var("crs", DType.INT32, List.of())
                .var("tas", DType.FLOAT32, T).build());
        StorePlan plan = Planner.plan(in, options("time"));
        TargetVariable crs = plan.schema().variable("crs");
        assertThat(crs.shape()).isEmpty();
        assertThat(crs.chunks()).isEmpty();
        assertThat(crs.alongConcat()).isFalse();
        assertThat(writesOf(plan, "crs")).singleElement().satisfies(w -> {
            assertThat(w.chunkIndex()).isEmpty();
            assertThat(w.fragments()).singleElement().extracting(Fragment::inputIndex).isEqualTo(0);
        });
    }

    @Test
    void tasksGroupOneConcatChunkOfEveryVariableThenEachStaticVariable() {
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            in.add(input(c, c, 0).dim("time", 5).dim("lat", 4).var("lat", DType.FLOAT64, List.of("lat"))
                    .var("tas", DType.FLOAT32, TLAT).var("pr", DType.FLOAT32, TLAT)
                    .var("mask", DType.INT8, List.of("lat")).build());
        }
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 10, "lat", 2), 1));
        assertThat(plan.tasks()).extracting(StoreTask::id).containsExactly(0, 1, 2, 3);
        StoreTask first = plan.tasks().get(0);
        assertThat(first.writes()).extracting(w -> w.variable() + Arrays.toString(w.chunkIndex()))
                .containsExactly("tas[0, 0]", "tas[0, 1]", "pr[0, 0]", "pr[0, 1]");
        assertThat(first.writes().get(0).fragments()).extracting(Fragment::inputIndex).containsExactly(0, 1);
        assertThat(plan.tasks().get(2).writes()).extracting(ChunkWrite::variable).containsOnly("lat");
        assertThat(plan.tasks().get(3).writes()).extracting(ChunkWrite::variable).containsExactly("mask", "mask");
        // at most two inputs read by any one task
        assertThat(plan.tasks().stream().mapToLong(t -> t.writes().stream().flatMap(w -> w.fragments().stream())
                .map(Fragment::inputIndex).distinct().count()).max()).hasValue(2);
        assertThat(plan.tasks()).hasSize(4);
    }

    // ---- schema ------------------------------------------------------------------------------------

    @Test
    void attributesFillValueAndGlobals() {
        List<InputMetadata> in = List.of(input(0, 0, 0).global("title", "ERA").global("history", "x")
                .dim("time", 2).var("tas", DType.FLOAT32, T, "units", "K", "_FillValue", -999f).build());
        PlanOptions o = new PlanOptions("time", null, Map.of(), 1, Map.of("title", "ARCO ERA", "source", "forge"));
        TargetSchema s = Planner.plan(in, o).schema();
        assertThat(s.variable("tas").attributes()).containsExactly(Map.entry("units", "K"));
        assertThat(s.variable("tas").fillValue()).isEqualTo(-999f);
        assertThat(s.attributes()).containsExactly(Map.entry("title", "ARCO ERA"), Map.entry("history", "x"),
                Map.entry("source", "forge"));
        assertThat(s.dims()).containsExactly(Map.entry("time", 2L));
    }

    @Test
    void mergeInputsAddVariablesAndShareCoordinates() {
        List<InputMetadata> in = new ArrayList<>();
        int i = 0;
        for (int c = 0; c < 2; c++) {
            in.add(input(i++, c, 0).url("tas" + c + ".nc").dim("time", 3).dim("lat", 2)
                    .var("lat", DType.FLOAT64, List.of("lat")).var("tas", DType.FLOAT32, TLAT).build());
            in.add(input(i++, c, 1).url("pr" + c + ".nc").dim("time", 3).dim("lat", 2)
                    .var("lat", DType.FLOAT64, List.of("lat")).var("pr", DType.FLOAT32, TLAT).build());
        }
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 6), 1));
        TargetSchema s = plan.schema();
        assertThat(s.variables()).extracting(TargetVariable::name).containsExactly("lat", "tas", "pr");
        assertThat(s.variables()).extracting(TargetVariable::mergeIndex).containsExactly(0, 0, 1);
        assertThat(writesOf(plan, "pr").get(0).fragments()).extracting(Fragment::inputIndex).containsExactly(1, 3);
        assertThat(writesOf(plan, "tas").get(0).fragments()).extracting(Fragment::inputIndex).containsExactly(0, 2);
        assertThat(writesOf(plan, "lat")).singleElement().extracting(w -> w.fragments().get(0).inputIndex()).isEqualTo(0);
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void itemsPerFileMismatchNamesTheFile() {
        List<InputMetadata> in = List.of(input(0, 0, 0).url("jan.nc").dim("time", 31).var("tas", DType.FLOAT32, T).build(),
                input(1, 1, 0).url("feb.nc").dim("time", 28).var("tas", DType.FLOAT32, T).build());
        PlanOptions o = new PlanOptions("time", 31, Map.of(), 1, Map.of());
        assertThatThrownBy(() -> Planner.plan(in, o)).isInstanceOf(PlanException.class)
                .hasMessageContaining("feb.nc").hasMessageContaining("28").hasMessageContaining("31");
    }

    @Test
    void otherDimensionLengthsMustAgree() {
        List<InputMetadata> in = List.of(input(0, 0, 0).url("a.nc").dim("time", 1).dim("lat", 4).var("tas", DType.FLOAT32, TLAT).build(),
                input(1, 1, 0).url("b.nc").dim("time", 1).dim("lat", 5).var("tas", DType.FLOAT32, TLAT).build());
        assertThatThrownBy(() -> Planner.plan(in, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("'lat'").hasMessageContaining("5")
                .hasMessageContaining("a.nc");
    }

    @Test
    void variableDimsAndDtypeMustAgree() {
        InputMetadata a = input(0, 0, 0).url("a.nc").dim("time", 1).dim("lat", 2).var("tas", DType.FLOAT32, TLAT).build();
        InputMetadata dims = input(1, 1, 0).url("b.nc").dim("time", 1).dim("lat", 2).var("tas", DType.FLOAT32, List.of("lat", "time")).build();
        InputMetadata type = input(1, 1, 0).url("c.nc").dim("time", 1).dim("lat", 2).var("tas", DType.FLOAT64, TLAT).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a, dims), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("'tas'").hasMessageContaining("[lat, time]");
        assertThatThrownBy(() -> Planner.plan(List.of(a, type), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("c.nc").hasMessageContaining("'tas'").hasMessageContaining("FLOAT64");
    }

    @Test
    void inputsAtOneMergePositionMustHoldTheSameVariables() {
        InputMetadata a = input(0, 0, 0).url("a.nc").dim("time", 1).var("tas", DType.FLOAT32, T).var("pr", DType.FLOAT32, T).build();
        InputMetadata b = input(1, 1, 0).url("b.nc").dim("time", 1).var("tas", DType.FLOAT32, T).var("huss", DType.FLOAT32, T).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a, b), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("lacks variable(s) [pr]")
                .hasMessageContaining("extra variable(s) [huss]");
    }

    @Test
    void aVariableInTwoMergePositionsMustHaveTheSameDims() {
        InputMetadata a = input(0, 0, 0).url("a.nc").dim("time", 1).dim("lat", 2).var("tas", DType.FLOAT32, TLAT).build();
        InputMetadata b = input(1, 0, 1).url("b.nc").dim("time", 1).dim("lat", 2).var("tas", DType.FLOAT32, T).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a, b), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("'tas'").hasMessageContaining("merge");
    }

    @Test
    void mergedInputsMustHaveTheSameConcatLength() {
        InputMetadata a = input(0, 0, 0).url("a.nc").dim("time", 3).var("tas", DType.FLOAT32, T).build();
        InputMetadata b = input(1, 0, 1).url("b.nc").dim("time", 4).var("pr", DType.FLOAT32, T).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a, b), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("b.nc").hasMessageContaining("a.nc");
    }

    @Test
    void missingConcatDimensionAndGapsAreReported() {
        InputMetadata a = input(0, 0, 0).url("a.nc").dim("lat", 3).var("tas", DType.FLOAT32, List.of("lat")).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a), options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("a.nc").hasMessageContaining("'time'");
        InputMetadata far = input(1, 2, 0).url("far.nc").dim("lat", 3).var("tas", DType.FLOAT32, List.of("lat")).build();
        assertThatThrownBy(() -> Planner.plan(List.of(a, far), options(null))).isInstanceOf(PlanException.class)
                .hasMessageContaining("concat position 1");
    }

    // ---- scale -------------------------------------------------------------------------------------

    @Test
    void plansAHundredThousandInputsQuickly() {
        int n = 100_000;
        List<InputMetadata> in = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            in.add(input(c, c, 0).url("f" + c + ".nc").dim("time", 24).dim("lat", 4)
                    .var("time", DType.FLOAT64, T, "units", "hours since 2000-01-01 00:00:00")
                    .var("lat", DType.FLOAT64, List.of("lat"))
                    .var("tas", DType.FLOAT32, TLAT).var("pr", DType.FLOAT32, TLAT)
                    .coordinate(Fixtures.range(0, 24)).build());
        }
        long t0 = System.nanoTime();
        StorePlan plan = Planner.plan(in, options("time", Map.of("time", 100), 1));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(plan.tasks()).hasSize(24_000 + 1);
        // Quadratic work over 10^5 inputs would take minutes.
        assertThat(millis).isLessThan(20_000);
    }
}
