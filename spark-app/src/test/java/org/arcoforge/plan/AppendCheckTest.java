package org.arcoforge.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class AppendCheckTest {
    private static final DoubleFunction<String> DAYS = AppendCheck.timeFormat("days since 2000-01-01", null);
    private static final double[] STORED = {0, 1, 2, 3};
    private static final List<AppendCheck.Held> HELD = List.of(new AppendCheck.Held("a.nc", 0, 2),
            new AppendCheck.Held("b.nc", 2, 4));

    private static AppendCheck.Fresh fresh(String url, double... v) {
        return new AppendCheck.Fresh(url, v);
    }

    @Test
    void valuesThatContinueTheRegularStepsPass() {
        AppendCheck.check(STORED, HELD, List.of(fresh("c.nc", 4, 5), fresh("d.nc", 6)), false, DAYS);
    }

    @Test
    void aGapNamesTheMissingRangeUnlessAllowed() {
        assertThatThrownBy(() -> AppendCheck.check(STORED, HELD, List.of(fresh("c.nc", 4), fresh("d.nc", 7)), false, DAYS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("gap in 'd.nc'").hasMessageContaining("2000-01-06 to 2000-01-07")
                .hasMessageContaining("--allow-gaps");
        AppendCheck.check(STORED, HELD, List.of(fresh("c.nc", 4), fresh("d.nc", 7)), true, DAYS);
    }

    @Test
    void aStepTheStoreHoldsFromAnotherInputNamesBoth() {
        assertThatThrownBy(() -> AppendCheck.check(STORED, HELD, List.of(fresh("x.nc", 3)), false, DAYS))
                .hasMessageContaining("'x.nc' has 2000-01-04").hasMessageContaining("'b.nc'");
    }

    @Test
    void prependAndInsertAreRefused() {
        assertThatThrownBy(() -> AppendCheck.check(STORED, HELD, List.of(fresh("x.nc", -1)), false, DAYS))
                .hasMessageContaining("prepending is not supported");
        assertThatThrownBy(() -> AppendCheck.check(STORED, HELD, List.of(fresh("x.nc", 2.5)), false, DAYS))
                .hasMessageContaining("inserting is not supported");
    }

    @Test
    void newValuesMustIncreaseStrictly() {
        assertThatThrownBy(() -> AppendCheck.check(STORED, HELD, List.of(fresh("c.nc", 5), fresh("d.nc", 4.5)), true, DAYS))
                .hasMessageContaining("'d.nc'").hasMessageContaining("strictly increasing");
    }

    @Test
    void irregularStoresHaveNoGapCheck() {
        double[] monthly = {0, 31, 59, 90};
        AppendCheck.check(monthly, HELD, List.of(fresh("c.nc", 200)), false, DAYS);
        assertThat(AppendCheck.regularStep(monthly)).isNull();
        assertThat(AppendCheck.regularStep(STORED)).isEqualTo(1.0);
    }

    @Test
    void timesOfDayAreShown() {
        assertThat(AppendCheck.timeFormat("hours since 1981-01-01 00:00", null).apply(36)).isEqualTo("1981-01-02T12:00:00");
        assertThat(AppendCheck.timeFormat("days since 2000-01-01", "noleap").apply(3)).isEqualTo("3 days since 2000-01-01");
        assertThat(AppendCheck.timeFormat(null, null).apply(7)).isEqualTo("7");
    }
}
