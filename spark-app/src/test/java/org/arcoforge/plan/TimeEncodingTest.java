package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class TimeEncodingTest {
    private static final List<String> T = List.of("time");

    /** One input per year: time (days since Jan 1 of its year), its bounds, and data. */
    private static PatternGrid yearly(DType type, int... years) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < years.length; c++) {
            out.add(input(c, c, 0).dim("time", 3).dim("nv", 2)
                    .var("time", type, T, "units", "days since " + years[c] + "-01-01", "bounds", "time_bnds")
                    .var("time_bnds", type, List.of("time", "nv")).var("tas", DType.FLOAT32, T).build());
        }
        return PatternGrid.of(out, "time", null);
    }

    private static Map<String, VariableSpec> encode(PatternGrid g, TimeEncoding.Units target) {
        return TimeEncoding.reencode(g, SchemaCombination.combine(g).variables(), target);
    }

    @Test
    void intoTheFirstInputsUnitsByDefault() {
        PatternGrid g = yearly(DType.FLOAT64, 1981, 1982, 1984, 1985);
        Map<String, VariableSpec> before = SchemaCombination.combine(g).variables();
        Map<String, VariableSpec> v = TimeEncoding.reencode(g, before, null);
        assertThat(v.get("time").transforms()).extracting(ValueTransform::offset).containsExactly(0.0, 365.0, 1095.0, 1461.0);
        assertThat(v.get("time_bnds").transforms()).as("bounds follow").isEqualTo(v.get("time").transforms());
        assertThat(v.get("tas").transforms()).isNull();
        assertThat(v.get("time").attrs()).as("attributes stay the first input's").isNull();
        assertThat(before.get("time").transforms()).as("the input specs are left alone").isNull();
    }

    @Test
    void intoUnitsGivenAsAParameter() {
        PatternGrid g = yearly(DType.INT32, 1981, 1982);
        Map<String, VariableSpec> v = encode(g, new TimeEncoding.Units("hours since 1981-01-01", "standard"));
        assertThat(v.get("time").transforms()).extracting(ValueTransform::scale).containsExactly(24.0, 24.0);
        assertThat(v.get("time").transforms()).extracting(ValueTransform::offset).containsExactly(0.0, 365 * 24.0);
        assertThat(v.get("time").attrs()).containsEntry("units", "hours since 1981-01-01").containsEntry("calendar", "standard");
        assertThat(v.get("time").dtype()).as("integral: stays int32").isEqualTo(DType.INT32);
        // Half days: no longer integral, so float64.
        Map<String, VariableSpec> half = encode(g, new TimeEncoding.Units("days since 1981-01-01 12:00:00", null));
        assertThat(half.get("time").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(half.get("time_bnds").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(half.get("time").attrs()).doesNotContainKey("calendar");
    }

    @Test
    void noConcatDimensionNoReEncoding() {
        PatternGrid g = PatternGrid.of(List.of(input(0, 0, 0).dim("time", 2)
                .var("time", DType.FLOAT64, T, "units", "days since 2000-01-01").build()), null, null);
        Map<String, VariableSpec> vars = SchemaCombination.combine(g).variables();
        assertThat(TimeEncoding.reencode(g, vars, new TimeEncoding.Units("hours since 1900-01-01", null))).isSameAs(vars);
    }

    @Test
    void namesTheInputWhoseUnitsCannotBeReEncoded() {
        PatternGrid g = PatternGrid.of(List.of(
                input(0, 0, 0).dim("time", 1).var("time", DType.FLOAT64, T, "units", "days since 2000-01-01").build(),
                input(1, 1, 0).dim("time", 1).var("time", DType.FLOAT64, T, "units", "days since 2000-01-01",
                        "calendar", "360_day").build()), "time", null);
        assertThatThrownBy(() -> encode(g, null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("file-c1-m0.nc: variable 'time' has units 'days since 2000-01-01' (calendar '360_day')")
                .hasMessageContaining("of s3://bucket/file-c0-m0.nc");
        assertThatThrownBy(() -> encode(g, new TimeEncoding.Units("days since 1990-01-01", null)))
                .hasMessageNotContaining(" of s3://");
    }

    /** Random years and target units: a daily time axis stays strictly increasing, one day apart, once re-encoded. */
    @Test
    void reEncodedConsecutiveDaysStayOneDayApart() {
        Random r = new Random(11);
        String[] units = {"days", "hours", "minutes"};
        double[] perDay = {1, 24, 1440};
        for (int trial = 0; trial < 100; trial++) {
            int year = 1900 + r.nextInt(200);
            int n = 1 + r.nextInt(6);
            List<InputMetadata> in = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                // Each input: 365 or 366 daily steps from Jan 1 of its year, in days since that date.
                int len = java.time.Year.isLeap(year + c) ? 366 : 365;
                in.add(input(c, c, 0).dim("time", len).var("time", DType.FLOAT64, T, "units",
                        "days since " + (year + c) + "-01-01").build());
            }
            int u = r.nextInt(3);
            String target = units[u] + " since " + (1850 + r.nextInt(300)) + "-01-01";
            PatternGrid g = PatternGrid.of(in, "time", null);
            VariableSpec time = encode(g, r.nextBoolean() ? new TimeEncoding.Units(target, null) : null).get("time");
            double step = time.attrs() == null ? 1 : perDay[u];
            double last = Double.NaN;
            for (int c = 0; c < n; c++) {
                ValueTransform t = time.transform(c);
                for (int i = 0; i < g.length(c); i++) {
                    double x = t.apply(i);
                    if (!Double.isNaN(last)) {
                        assertThat(x - last).as("trial %d, input %d step %d", trial, c, i).isEqualTo(step);
                    }
                    last = x;
                }
            }
        }
    }
}
