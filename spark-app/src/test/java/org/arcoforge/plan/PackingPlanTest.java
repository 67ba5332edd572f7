package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.arcoforge.plan.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/** Per-file packing (issue 9, item 1) and non-concat coordinates that differ (item 2). */
class PackingPlanTest {
    private static final List<String> TLAT = List.of("time", "lat");

    /** Daily OISST-like inputs: sst int16, scale 0.01, _FillValue -999, valid -300..4500, each with its own extra attributes. */
    private static List<InputMetadata> days(List<Object[]> sstAttrs) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < sstAttrs.size(); c++) {
            Map<String, Object> a = new java.util.LinkedHashMap<>(Map.of("scale_factor", 0.01f, "add_offset", 0f,
                    "_FillValue", (short) -999, "valid_min", (short) -300, "valid_max", (short) 4500));
            Object[] extra = sstAttrs.get(c);
            for (int i = 0; i < extra.length; i += 2) {
                if (extra[i + 1] == null) {
                    a.remove((String) extra[i]);
                } else {
                    a.put((String) extra[i], extra[i + 1]);
                }
            }
            Object[] flat = a.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray();
            out.add(input(c, c, 0).url("file:///data/day" + c + ".nc").dim("time", 1).dim("lat", 3)
                    .var("time", DType.FLOAT32, List.of("time"), "units", "days since 1978-01-01")
                    .var("lat", DType.FLOAT32, List.of("lat"))
                    .var("sst", DType.INT16, TLAT, flat)
                    .var("ice", DType.INT16, TLAT, "scale_factor", 0.01f, "_FillValue", (short) -999)
                    .coordinate(new float[] {c}).coordinate("lat", new float[] {-1f, 0f, 1f}).build());
        }
        return out;
    }

    private static List<ValueTransform> transforms(StorePlan plan, String var) {
        return plan.tasks().stream().flatMap(t -> t.writes().stream()).filter(w -> w.variable().equals(var))
                .flatMap(w -> w.fragments().stream()).map(Fragment::transform).toList();
    }

    private static PlanOptions encoding(Map<String, VariableEncoding> e) {
        return options("time").withEncoding(e, 0);
    }

    @Test
    void consistentPackingKeepsEveryInputAsStoredAndWarnsNothing() {
        StorePlan plan = Planner.plan(days(List.<Object[]>of(new Object[0], new Object[0], new Object[0])), options("time"));
        assertThat(transforms(plan, "sst")).hasSize(3).allMatch(ValueTransform::isIdentity);
        assertThat(plan.warnings()).noneMatch(w -> w.contains("packed"));
    }

    @Test
    void inputsPackedOtherwiseAreReEncodedAndNamedInAWarning() {
        List<InputMetadata> in = days(List.<Object[]>of(new Object[0],
                new Object[] {"scale_factor", 0.02f},
                new Object[] {"add_offset", 1.0},
                new Object[] {"_FillValue", (short) -32767},
                new Object[] {"missing_value", (short) -1}));
        StorePlan plan = Planner.plan(in, options("time"));
        List<ValueTransform> t = transforms(plan, "sst");
        assertThat(t.get(0).isIdentity()).isTrue();
        assertThat(t.subList(1, 5)).allMatch(x -> x.packing() != null);
        assertThat(transforms(plan, "ice")).allMatch(ValueTransform::isIdentity);
        // The target stays the first input's encoding.
        TargetVariable sst = plan.schema().variable("sst");
        assertThat(sst.dtype()).isEqualTo(DType.INT16);
        assertThat(sst.fillValue()).isEqualTo((short) -999);
        assertThat(sst.attributes()).containsEntry("scale_factor", 0.01f);
        String w = plan.warnings().stream().filter(x -> x.contains("'sst'")).findFirst().orElseThrow();
        assertThat(w).contains("4 input(s)", "day1.nc (scale_factor 0.02 instead of 0.01)",
                "day2.nc (add_offset 1 instead of 0)", "day3.nc (_FillValue -32767 instead of -999)",
                "day4.nc (missing_value -1 instead of none)").doesNotContain("day0.nc");

        ValueTransform.Packing twice = t.get(1).packing();
        assertThat(twice.apply(1234)).isEqualTo(2468);
        assertThat(twice.apply(-999)).isEqualTo(-999);
        ValueTransform.Packing shifted = t.get(2).packing();
        assertThat(shifted.apply(0)).isEqualTo(100);
        assertThat(shifted.apply(-999)).isEqualTo(-999);
        ValueTransform.Packing fill = t.get(3).packing();
        assertThat(fill.apply(-32767)).isEqualTo(-999);
        assertThat(fill.apply(1500)).isEqualTo(1500);
        ValueTransform.Packing missing = t.get(4).packing();
        assertThat(missing.apply(-1)).isEqualTo(-999);
        assertThat(missing.apply(-999)).isEqualTo(-999);
    }

    @Test
    void floatsWithoutAFillAndWithANaNFillAreStoredAsTheyAre() {
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Object[] attrs = c == 1 ? new Object[] {"units", "days since 1978-01-01", "_FillValue", Double.NaN}
                    : new Object[] {"units", "days since 1978-01-01"};
            in.add(input(c, c, 0).url("file:///data/t" + c + ".nc").dim("time", 1)
                    .var("time", DType.FLOAT64, List.of("time"), attrs)
                    .var("tas", DType.FLOAT32, List.of("time"), c == 2 ? new Object[] {"_FillValue", 1e20f} : new Object[0])
                    .coordinate(new double[] {c}).build());
        }
        StorePlan plan = Planner.plan(in, options("time"));
        assertThat(plan.schema().precomputedValues()).containsKey("time");
        assertThat(plan.warnings()).noneMatch(w -> w.contains("'time'"));
        // A numeric fill is another matter: t2's 1e20 must become missing in the target.
        List<ValueTransform> tas = transforms(plan, "tas");
        assertThat(tas.get(2).packing().apply(1e20f)).isNaN();
        assertThat(tas.get(2).packing().apply(3.5)).isEqualTo(3.5);
    }

    @Test
    void roundsHalvesToEvenAsNumpyAround() {
        // Target step 1.0, input step 0.5: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0, -1.5 -> -2.
        List<InputMetadata> in = days(List.<Object[]>of(new Object[] {"scale_factor", 0.5}));
        StorePlan plan = Planner.plan(in, encoding(Map.of("sst", new VariableEncoding("int16", 1.0, null, -999.0))));
        ValueTransform.Packing p = transforms(plan, "sst").get(0).packing();
        assertThat(new double[] {p.apply(1), p.apply(3), p.apply(5), p.apply(-1), p.apply(-3), p.apply(7)})
                .containsExactly(0, 2, 2, -0.0, -2, 4);
        // Math.round would give 1, 2, 3, 0, -1, 4.
        assertThat(p.apply(-999)).isEqualTo(-999);
    }

    @Test
    void aFinerInputScaleIsAPrecisionErrorNamingTheFileAndVariable() {
        List<InputMetadata> in = days(List.<Object[]>of(new Object[0], new Object[] {"scale_factor", 0.001f}));
        assertThatThrownBy(() -> Planner.plan(in, options("time")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("file:///data/day1.nc")
                .hasMessageContaining("'sst'")
                .hasMessageContaining("lose precision")
                .hasMessageContaining("encoding: {sst: {dtype: float32}}");
    }

    @Test
    void anOffsetOfAFractionOfAStepIsAPrecisionError() {
        List<InputMetadata> in = days(List.<Object[]>of(new Object[0], new Object[] {"add_offset", 0.005}));
        assertThatThrownBy(() -> Planner.plan(in, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("day1.nc").hasMessageContaining("lose precision");
    }

    @Test
    void overflowIsJudgedOnTheValidRangeElseTheDtype() {
        // valid 20000..30000 at 0.02 is 40000..60000 at 0.01: beyond int16.
        List<InputMetadata> wide = days(List.<Object[]>of(new Object[0],
                new Object[] {"scale_factor", 0.02f, "valid_min", (short) 20000, "valid_max", (short) 30000}));
        assertThatThrownBy(() -> Planner.plan(wide, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("day1.nc").hasMessageContaining("'sst'").hasMessageContaining("overflow")
                .hasMessageContaining("40000 to 60000");
        // Without a valid range, the whole int16 range counts.
        List<InputMetadata> undeclared = days(List.<Object[]>of(new Object[0],
                new Object[] {"scale_factor", 0.02f, "valid_min", null, "valid_max", null}));
        assertThatThrownBy(() -> Planner.plan(undeclared, options("time"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("declares no valid_range");
        // -300..4500 at 0.02 is -600..9000: fits.
        StorePlan ok = Planner.plan(days(List.<Object[]>of(new Object[0], new Object[] {"scale_factor", 0.02f})), options("time"));
        assertThat(transforms(ok, "sst").get(1).packing()).isNotNull();
    }

    @Test
    void aValueOutsideTheValidRangeThatDoesNotFitFailsWhenStored() {
        StorePlan plan = Planner.plan(days(List.<Object[]>of(new Object[0], new Object[] {"scale_factor", 0.02f})), options("time"));
        ValueTransform.Packing p = transforms(plan, "sst").get(1).packing();
        assertThatThrownBy(() -> p.apply(20000)).isInstanceOf(PlanException.class)
                .hasMessageContaining("day1.nc").hasMessageContaining("'sst'").hasMessageContaining("does not fit");
        // An input whose own fill is elsewhere may hold the target's fill as a real value.
        StorePlan other = Planner.plan(days(List.<Object[]>of(new Object[0], new Object[] {"_FillValue", (short) -32767})),
                options("time"));
        ValueTransform.Packing q = transforms(other, "sst").get(1).packing();
        assertThatThrownBy(() -> q.apply(-999)).isInstanceOf(PlanException.class)
                .hasMessageContaining("day1.nc").hasMessageContaining("read back as missing");
    }

    @Test
    void aFloat32EncodingStoresDecodedValues() {
        StorePlan plan = Planner.plan(days(List.<Object[]>of(new Object[0], new Object[] {"scale_factor", 0.02f})),
                encoding(Map.of("sst", VariableEncoding.float32())));
        TargetVariable sst = plan.schema().variable("sst");
        assertThat(sst.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(sst.fillValue().doubleValue()).isNaN();
        assertThat(sst.attributes()).doesNotContainKeys("scale_factor", "add_offset", "_FillValue")
                .containsEntry("valid_min", (float) (-300 * (double) 0.01f))
                .containsEntry("valid_max", (float) (4500 * (double) 0.01f));
        List<ValueTransform> t = transforms(plan, "sst");
        assertThat(t).allMatch(x -> x.packing() != null && !x.packing().round());
        assertThat(t.get(0).packing().apply(1234)).isEqualTo(1234 * (double) 0.01f);
        assertThat(t.get(1).packing().apply(1234)).isEqualTo(1234 * (double) 0.02f);
        assertThat(t.get(1).packing().apply(-999)).isNaN();
        // ice keeps its packing and its bytes.
        assertThat(transforms(plan, "ice")).allMatch(ValueTransform::isIdentity);
    }

    @Test
    void anEncodingForAnUnknownVariableIsAnError() {
        assertThatThrownBy(() -> Planner.plan(days(List.<Object[]>of(new Object[0])),
                encoding(Map.of("sea_temp", VariableEncoding.float32()))))
                .isInstanceOf(PlanException.class).hasMessageContaining("'sea_temp'").hasMessageContaining("sst");
    }

    // ---- coordinates --------------------------------------------------------------------------------

    private static List<InputMetadata> grids(float[] second) {
        List<InputMetadata> in = new ArrayList<>(days(List.<Object[]>of(new Object[0], new Object[0])));
        InputMetadata b = in.get(1);
        in.set(1, new InputMetadata(b.input(), b.dims(), b.dataset(), b.concatCoordinate(), Map.of("lat", second)));
        return in;
    }

    @Test
    void aShiftedCoordinateIsAnErrorNamingBothFilesTheCoordinateAndTheIndex() {
        assertThatThrownBy(() -> Planner.plan(grids(new float[] {-1f, 0.25f, 1.25f}), options("time")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("file:///data/day1.nc").hasMessageContaining("file:///data/day0.nc")
                .hasMessageContaining("'lat'").hasMessageContaining("index 1")
                .hasMessageContaining("0.25 instead of 0.0");
    }

    @Test
    void coordinateToleranceAllowsSmallAbsoluteDifferences() {
        List<InputMetadata> in = grids(new float[] {-1f, 1e-7f, 1f});
        assertThatThrownBy(() -> Planner.plan(in, options("time"))).isInstanceOf(PlanException.class);
        assertThat(Planner.plan(in, options("time").withEncoding(Map.of(), 1e-6))).isNotNull();
        assertThatThrownBy(() -> Planner.plan(grids(new float[] {-1f, 1e-5f, 1f}),
                options("time").withEncoding(Map.of(), 1e-6))).isInstanceOf(PlanException.class)
                .hasMessageContaining("within coordinate_tolerance");
    }
}
