package org.arcoforge.recipe;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code {name}} and {@code {name:format}} placeholders. A date or date-time key takes a
 * {@link DateTimeFormatter} pattern ({@code {time:yyyy/MM}}); a number takes a
 * {@link String#format} pattern ({@code {n:%03d}}); without a format a key renders as text
 * (dates as ISO, e.g. 1981-09-01).
 */
final class UrlTemplate {
    private UrlTemplate() {
    }

    /** A placeholder as written: {@code {name}} or {@code {name:format}} (format null when absent). */
    record Placeholder(String name, String format) {
        @Override
        public String toString() {
            return "{" + name + (format == null ? "" : ":" + format) + "}";
        }
    }

    /** The placeholders of {@code template} in order; throws on an unclosed or empty one. */
    static List<Placeholder> placeholders(String template) {
        List<Placeholder> out = new ArrayList<>();
        int i = 0;
        while ((i = template.indexOf('{', i)) >= 0) {
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new RecipeException("file_pattern: unclosed '{' at position " + i + " of '" + template + "'");
            }
            String inner = template.substring(i + 1, end);
            int colon = inner.indexOf(':');
            String name = (colon < 0 ? inner : inner.substring(0, colon)).trim();
            if (name.isEmpty()) {
                throw new RecipeException("file_pattern: empty placeholder '{" + inner + "}' at position " + i
                        + " of '" + template + "'");
            }
            out.add(new Placeholder(name, colon < 0 ? null : inner.substring(colon + 1)));
            i = end + 1;
        }
        return out;
    }

    static String render(String template, Map<String, Object> keys) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch != '{') {
                out.append(ch);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new RecipeException("file_pattern: unclosed '{' at position " + i + " of '" + template + "'");
            }
            String inner = template.substring(i + 1, end);
            int colon = inner.indexOf(':');
            String name = (colon < 0 ? inner : inner.substring(0, colon)).trim();
            String format = colon < 0 ? null : inner.substring(colon + 1);
            if (!keys.containsKey(name)) {
                throw new RecipeException("file_pattern: placeholder {" + name + "} names no combine dimension (have "
                        + keys.keySet() + ")");
            }
            out.append(format(keys.get(name), format, name));
            i = end + 1;
        }
        return out.toString();
    }

    private static String format(Object key, String format, String name) {
        if (format == null) {
            return String.valueOf(key);
        }
        boolean temporal = key instanceof TemporalAccessor;
        // A mismatched format does not fail on its own: it renders literal text or garbage.
        if (temporal && format.contains("%")) {
            throw new RecipeException("file_pattern: {" + name + ":" + format + "} is a number format but the key '"
                    + key + "' is a date; use a date pattern such as yyyyMMdd");
        }
        if (!temporal && !format.contains("%")) {
            throw new RecipeException("file_pattern: {" + name + ":" + format + "} is a date pattern but the key '"
                    + key + "' is not a date; give date keys ({dates: ...}) or a number format such as %03d");
        }
        try {
            if (temporal) {
                return DateTimeFormatter.ofPattern(format, Locale.ROOT).format((TemporalAccessor) key);
            }
            return String.format(Locale.ROOT, format, key);
        } catch (RuntimeException e) {
            throw new RecipeException("file_pattern: cannot format key '" + key + "' of {" + name + "} with '"
                    + format + "': " + e.getMessage(), e);
        }
    }
}
