package org.arcoforge.plan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CF time units ("days since 1981-01-01") and the arithmetic to re-encode values from one input's
 * units into another's, per CF calendar. Only fixed-length units (microseconds to weeks) can be
 * re-encoded: months and years are calendar-dependent, so they must simply be identical.
 */
public final class CfTime {
    private CfTime() {
    }

    /** CF calendars; aliases (gregorian, 365_day, 366_day) map onto these. */
    public enum Calendar {
        /** Julian before 1582-10-15, Gregorian from then on. */
        STANDARD, PROLEPTIC_GREGORIAN, JULIAN, NOLEAP, ALL_LEAP, DAY_360
    }

    /**
     * Parsed "unit since reference" units.
     *
     * @param unitMicros  length of one unit in microseconds, or 0 for a unit without a fixed length
     *                    (months, years, or a word this class does not know)
     * @param year        reference date, read as written (its calendar is the variable's)
     * @param microOfDay  the reference time of day in UTC, microseconds (may be negative or exceed a
     *                    day after a time-zone shift)
     */
    public record Units(String text, String unit, long unitMicros, int year, int month, int day,
                        long microOfDay) {
    }

    private static final Pattern UNITS = Pattern.compile("^\\s*([A-Za-z_]+)\\s+since\\s+(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile(
            "^([+-]?\\d{1,6})-(\\d{1,2})(?:-(\\d{1,2}))?"
                    + "(?:(?:T|\\s+)(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?)?"
                    + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?$",
            Pattern.CASE_INSENSITIVE);

    private static final long US_PER_SECOND = 1_000_000L;
    private static final long US_PER_DAY = 86_400L * US_PER_SECOND;
    private static final Map<String, Long> UNIT_MICROS = Map.ofEntries(
            Map.entry("microseconds", 1L), Map.entry("microsecond", 1L), Map.entry("us", 1L),
            Map.entry("milliseconds", 1_000L), Map.entry("millisecond", 1_000L), Map.entry("ms", 1_000L),
            Map.entry("msec", 1_000L),
            Map.entry("seconds", US_PER_SECOND), Map.entry("second", US_PER_SECOND), Map.entry("secs", US_PER_SECOND),
            Map.entry("sec", US_PER_SECOND), Map.entry("s", US_PER_SECOND),
            Map.entry("minutes", 60 * US_PER_SECOND), Map.entry("minute", 60 * US_PER_SECOND),
            Map.entry("mins", 60 * US_PER_SECOND), Map.entry("min", 60 * US_PER_SECOND),
            Map.entry("hours", 3_600 * US_PER_SECOND), Map.entry("hour", 3_600 * US_PER_SECOND),
            Map.entry("hrs", 3_600 * US_PER_SECOND), Map.entry("hr", 3_600 * US_PER_SECOND),
            Map.entry("h", 3_600 * US_PER_SECOND),
            Map.entry("days", US_PER_DAY), Map.entry("day", US_PER_DAY), Map.entry("d", US_PER_DAY),
            Map.entry("weeks", 7 * US_PER_DAY), Map.entry("week", 7 * US_PER_DAY));

    private static final int[] CUM_NOLEAP = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    private static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};

    /** True when {@code units} has the CF time form "word since date". */
    public static boolean isTimeUnits(Object units) {
        if (!(units instanceof String s)) {
            return false;
        }
        Matcher m = UNITS.matcher(s);
        return m.matches() && REFERENCE.matcher(m.group(2)).matches();
    }

    /** The calendar named by a {@code calendar} attribute (null or blank = standard), or null if unknown. */
    public static Calendar calendar(Object attribute) {
        if (attribute == null) {
            return Calendar.STANDARD;
        }
        return switch (attribute.toString().trim().toLowerCase(Locale.ROOT)) {
            case "", "standard", "gregorian" -> Calendar.STANDARD;
            case "proleptic_gregorian" -> Calendar.PROLEPTIC_GREGORIAN;
            case "julian" -> Calendar.JULIAN;
            case "noleap", "365_day" -> Calendar.NOLEAP;
            case "all_leap", "366_day" -> Calendar.ALL_LEAP;
            case "360_day" -> Calendar.DAY_360;
            default -> null;
        };
    }

    /** Parses CF time units; throws IllegalArgumentException with a readable message. */
    public static Units parse(String text) {
        Matcher m = UNITS.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not of the form '<unit> since <date>'");
        }
        String unit = m.group(1).toLowerCase(Locale.ROOT);
        long micros = UNIT_MICROS.getOrDefault(unit, 0L);
        Matcher r = REFERENCE.matcher(m.group(2));
        if (!r.matches()) {
            throw new IllegalArgumentException("cannot read the reference date '" + m.group(2) + "' of '" + text + "'");
        }
        int year = Integer.parseInt(r.group(1));
        int month = Integer.parseInt(r.group(2));
        int day = r.group(3) == null ? 1 : Integer.parseInt(r.group(3));
        long hour = r.group(4) == null ? 0 : Long.parseLong(r.group(4));
        long minute = r.group(5) == null ? 0 : Long.parseLong(r.group(5));
        long second = r.group(6) == null ? 0 : Long.parseLong(r.group(6));
        long fraction = 0;
        if (r.group(7) != null && !r.group(7).isEmpty()) {
            String digits = (r.group(7) + "000000").substring(0, 6);
            fraction = Long.parseLong(digits);
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
            throw new IllegalArgumentException("the reference date of '" + text + "' is out of range");
        }
        long micro = ((hour * 60 + minute) * 60 + second) * US_PER_SECOND + fraction;
        micro -= zoneMicros(r.group(8));
        return new Units(text, unit, micros, year, month, day, micro);
    }

    private static long zoneMicros(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equalsIgnoreCase("UTC") || zone.equalsIgnoreCase("GMT")) {
            return 0;
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String body = zone.substring(1).replace(":", "");
        long hours;
        long minutes = 0;
        if (body.length() <= 2) {
            hours = Long.parseLong(body);
        } else {
            hours = Long.parseLong(body.substring(0, body.length() - 2));
            minutes = Long.parseLong(body.substring(body.length() - 2));
        }
        return sign * (hours * 3600 + minutes * 60) * US_PER_SECOND;
    }

    /** Day number of a date in the given calendar; throws IllegalArgumentException for a date the calendar lacks. */
    public static long dayNumber(Calendar cal, int year, int month, int day) {
        return switch (cal) {
            case PROLEPTIC_GREGORIAN -> gregorian(year, month, day);
            case JULIAN -> julian(year, month, day);
            case STANDARD -> {
                if (year > 1582 || year == 1582 && (month > 10 || month == 10 && day >= 15)) {
                    yield gregorian(year, month, day);
                }
                if (year == 1582 && month == 10 && day > 4) {
                    throw new IllegalArgumentException(year + "-10-" + day + " does not exist in the standard calendar");
                }
                yield julian(year, month, day);
            }
            case NOLEAP -> fixedYear(year, month, day, CUM_NOLEAP, 365);
            case ALL_LEAP -> fixedYear(year, month, day, CUM_LEAP, 366);
            case DAY_360 -> {
                if (day > 30) {
                    throw new IllegalArgumentException("day " + day + " does not exist in the 360_day calendar");
                }
                yield 360L * year + 30L * (month - 1) + day - 1;
            }
        };
    }

    private static long gregorian(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Julian calendar, counted so that 1582-10-05 (Julian) is the day after 1582-10-04 and equals Gregorian 1582-10-15. */
    private static long julian(int year, int month, int day) {
        boolean leap = Math.floorMod(year, 4) == 0;
        int[] cum = leap ? CUM_LEAP : CUM_NOLEAP;
        if (day > cum[month] - cum[month - 1]) {
            throw new IllegalArgumentException(year + "-" + month + "-" + day + " does not exist in the julian calendar");
        }
        // Shift March-based years so that the leap day is the last day of a year.
        long y = month <= 2 ? (long) year - 1 : year;
        int marchMonth = month <= 2 ? month + 9 : month - 3;
        long dayOfYear = (153L * marchMonth + 2) / 5 + day - 1;
        long days = 365 * y + Math.floorDiv(y, 4) + dayOfYear;
        // 1970-01-01 Gregorian is 1969-12-19 Julian.
        return days - JULIAN_EPOCH;
    }

    private static final long JULIAN_EPOCH;

    static {
        long y = 1969;
        long dayOfYear = (153L * (12 - 3) + 2) / 5 + 19 - 1;
        JULIAN_EPOCH = 365 * y + Math.floorDiv(y, 4) + dayOfYear;
    }

    private static long fixedYear(int year, int month, int day, int[] cum, int yearLength) {
        if (day > cum[month] - cum[month - 1]) {
            throw new IllegalArgumentException(year + "-" + month + "-" + day + " does not exist in a "
                    + yearLength + "-day calendar");
        }
        return (long) yearLength * year + cum[month - 1] + day - 1;
    }

    /**
     * The transform taking values in units {@code from} (calendar {@code fromCal}) to units {@code to}
     * (calendar {@code toCal}); throws IllegalArgumentException explaining why it cannot.
     */
    public static ValueTransform transform(String from, Object fromCal, String to, Object toCal) {
        Calendar cf = calendar(fromCal);
        Calendar ct = calendar(toCal);
        if (cf == null || ct == null) {
            throw new IllegalArgumentException("unknown calendar '" + (cf == null ? fromCal : toCal) + "'");
        }
        if (from.equals(to) && cf == ct) {
            return ValueTransform.IDENTITY;
        }
        Units f = parse(from);
        Units t = parse(to);
        if (cf != ct && !sameAfterReform(cf, ct, f, t)) {
            throw new IllegalArgumentException("its calendar is '" + fromCal + "' but the first input's is '"
                    + (toCal == null ? "standard" : toCal) + "'; inputs with different calendars cannot be combined");
        }
        if (f.unitMicros() == 0 || t.unitMicros() == 0) {
            throw new IllegalArgumentException("units '" + from + "' differ from the first input's '" + to
                    + "' and '" + (f.unitMicros() == 0 ? f.unit() : t.unit())
                    + "' has no fixed length, so the values cannot be re-encoded");
        }
        long dayDiff = dayNumber(ct, f.year(), f.month(), f.day()) - dayNumber(ct, t.year(), t.month(), t.day());
        long microDiff = Math.addExact(Math.multiplyExact(dayDiff, US_PER_DAY), f.microOfDay() - t.microOfDay());
        double scale = (double) f.unitMicros() / t.unitMicros();
        double offset = (double) microDiff / t.unitMicros();
        return new ValueTransform(scale, offset);
    }

    // Standard and proleptic Gregorian agree from 1582-10-15 on, as long as both references are there.
    private static boolean sameAfterReform(Calendar a, Calendar b, Units f, Units t) {
        boolean gregorianPair = (a == Calendar.STANDARD || a == Calendar.PROLEPTIC_GREGORIAN)
                && (b == Calendar.STANDARD || b == Calendar.PROLEPTIC_GREGORIAN);
        return gregorianPair && afterReform(f) && afterReform(t);
    }

    private static boolean afterReform(Units u) {
        return u.year() > 1582 || u.year() == 1582 && (u.month() > 10 || u.month() == 10 && u.day() >= 15);
    }
}
