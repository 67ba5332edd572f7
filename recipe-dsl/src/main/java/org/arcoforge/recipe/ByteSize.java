package org.arcoforge.recipe;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as scientists write them: {@code 512MB}, {@code 1.5 GiB}, {@code 100kB}, or a number of bytes. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?b|b)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final long MAX_BYTES = Long.MAX_VALUE / 2;

    private ByteSize() {
    }

    /**
     * Bytes in {@code text}: KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB powers of 1024.
     *
     * @throws IllegalArgumentException when it is not a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 512MB, 1GiB or 1000000");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            default -> 1024.0 * 1024 * 1024 * 1024;
        };
        double bytes = n * factor;
        if (bytes < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a usable size: it must be at least 1 byte");
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("'" + text + "' is not a usable size: it must be at most "
                    + MAX_BYTES / 1_000_000_000_000L + "TB");
        }
        return Math.round(bytes);
    }

    /** Short text for messages: 1.5 GB, 3.2 MB, 512 B (powers of 1000). */
    public static String format(long bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        } else if (bytes >= 1e6) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        } else if (bytes >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes + " B";
    }
}
