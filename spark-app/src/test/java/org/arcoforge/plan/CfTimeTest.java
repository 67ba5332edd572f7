package org.arcoforge.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CfTimeTest {

    @Test
    void readsTheUsualReferenceSpellings() {
        assertThat(CfTime.parse("days since 1978-01-01")).extracting("year", "month", "day", "microOfDay")
                .containsExactly(1978, 1, 1, 0L);
        assertThat(CfTime.parse("hours since 1978-1-1 12:00:00")).extracting("year", "month", "day", "microOfDay")
                .containsExactly(1978, 1, 1, 12 * 3_600_000_000L);
        assertThat(CfTime.parse("seconds since 1970-01-01T00:00:00Z").unitMicros()).isEqualTo(1_000_000L);
        assertThat(CfTime.parse("Days since 1970-01-01 00:00:00.5 UTC").microOfDay()).isEqualTo(500_000L);
        assertThat(CfTime.parse("hours since 1970-01-01 06:00 +06:00").microOfDay()).isZero();
        assertThat(CfTime.parse("months since 1970-01").unitMicros()).isZero();
    }

    @Test
    void knowsTheCfUnitSpellings() {
        for (String u : new String[] {"second", "seconds", "sec", "s"}) {
            assertThat(CfTime.parse(u + " since 2000-01-01").unitMicros()).as(u).isEqualTo(1_000_000L);
        }
        for (String u : new String[] {"minute", "minutes", "min"}) {
            assertThat(CfTime.parse(u + " since 2000-01-01").unitMicros()).as(u).isEqualTo(60_000_000L);
        }
        for (String u : new String[] {"hour", "hours", "hr", "h"}) {
            assertThat(CfTime.parse(u + " since 2000-01-01").unitMicros()).as(u).isEqualTo(3_600_000_000L);
        }
        for (String u : new String[] {"day", "days", "d"}) {
            assertThat(CfTime.parse(u + " since 2000-01-01").unitMicros()).as(u).isEqualTo(86_400_000_000L);
        }
    }

    @Test
    void recognisesTimeUnitsOnly() {
        assertThat(CfTime.isTimeUnits("days since 1981-01-01")).isTrue();
        assertThat(CfTime.isTimeUnits("K")).isFalse();
        assertThat(CfTime.isTimeUnits("counts since the start")).isFalse();
        assertThat(CfTime.isTimeUnits(42)).isFalse();
    }

    @Test
    void calendarsCountTheirOwnDays() {
        String to = "days since 2001-01-01";
        String from = "days since 2005-03-01";
        assertThat(CfTime.transform(from, "standard", to, "standard").offset()).isEqualTo(1520);
        assertThat(CfTime.transform(from, "noleap", to, "365_day").offset()).isEqualTo(4 * 365 + 59);
        assertThat(CfTime.transform(from, "all_leap", to, "all_leap").offset()).isEqualTo(4 * 366 + 60);
        assertThat(CfTime.transform(from, "360_day", to, "360_day").offset()).isEqualTo(4 * 360 + 60);
        // 1900 is a leap year only in the Julian calendar.
        assertThat(CfTime.transform("days since 1900-03-01", "julian", "days since 1900-02-28", "julian").offset())
                .isEqualTo(2);
        assertThat(CfTime.transform("days since 1900-03-01", "proleptic_gregorian", "days since 1900-02-28",
                "proleptic_gregorian").offset()).isEqualTo(1);
    }

    @Test
    void standardCalendarJumpsAtTheGregorianReform() {
        assertThat(CfTime.transform("days since 1582-10-15", "standard", "days since 1582-10-04", "standard").offset())
                .isEqualTo(1);
        assertThat(CfTime.transform("days since 1582-10-15", "proleptic_gregorian", "days since 1582-10-04",
                "proleptic_gregorian").offset()).isEqualTo(11);
    }

    @Test
    void gregorianAliasesMixAfterTheReform() {
        assertThat(CfTime.transform("days since 1982-01-01", "proleptic_gregorian", "days since 1981-01-01", "gregorian"))
                .isEqualTo(new ValueTransform(1, 365));
        assertThatThrownBy(() -> CfTime.transform("days since 1500-01-01", "proleptic_gregorian",
                "days since 1400-01-01", "standard")).hasMessageContaining("calendar");
    }

    @Test
    void refusesWhatCannotBeReEncoded() {
        assertThatThrownBy(() -> CfTime.transform("days since 2000-01-01", "noleap", "days since 1999-01-01", null))
                .hasMessageContaining("noleap").hasMessageContaining("calendar");
        assertThatThrownBy(() -> CfTime.transform("months since 2000-01-01", null, "months since 1999-01-01", null))
                .hasMessageContaining("months");
        assertThatThrownBy(() -> CfTime.transform("days since 2001-02-29", null, "days since 1999-01-01", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CfTime.transform("months since 2000-01-01", null, "months since 2000-01-01", null).isIdentity()).isTrue();
    }

    /** A value re-encoded into other units names the same instant (proleptic Gregorian, as java.time). */
    @Property(tries = 500)
    void reEncodedValuesNameTheSameInstant(@ForAll @IntRange(min = 1800, max = 2200) int y1,
                                           @ForAll @IntRange(min = 1, max = 12) int m1,
                                           @ForAll @IntRange(min = 1, max = 28) int d1,
                                           @ForAll @IntRange(min = 0, max = 23) int h1,
                                           @ForAll @IntRange(min = 1800, max = 2200) int y2,
                                           @ForAll @IntRange(min = 1, max = 12) int m2,
                                           @ForAll @IntRange(min = 1, max = 28) int d2,
                                           @ForAll @IntRange(min = 0, max = 3) int u1,
                                           @ForAll @IntRange(min = 0, max = 3) int u2,
                                           @ForAll @IntRange(min = -100000, max = 100000) int value) {
        String[] names = {"seconds", "minutes", "hours", "days"};
        long[] seconds = {1, 60, 3600, 86400};
        String from = String.format("%s since %d-%d-%d %d:00:00", names[u1], y1, m1, d1, h1);
        String to = String.format("%s since %04d-%02d-%02dT00:00:00Z", names[u2], y2, m2, d2);
        ValueTransform t = CfTime.transform(from, "proleptic_gregorian", to, "proleptic_gregorian");
        long fromRef = LocalDateTime.of(y1, m1, d1, h1, 0).toEpochSecond(ZoneOffset.UTC);
        long toRef = LocalDateTime.of(y2, m2, d2, 0, 0).toEpochSecond(ZoneOffset.UTC);
        double instant = fromRef + (double) value * seconds[u1];
        double reEncoded = toRef + t.apply(value) * seconds[u2];
        assertThat(reEncoded).isCloseTo(instant, within(1e-3));
    }
}
