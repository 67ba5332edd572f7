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
    /** A placeholder as written: {@code {name}} or {@code {name:format}} (format null when absent). */
    record Placeholder(String name, String format) {
        @Override
        public String toString() {
            return "{" + name + (format == null ? "" : ":" + format) + "}";
        }
    }

    // The text around the placeholders: literals.get(i) comes before placeholders.get(i), the last after all.
    private final List<String> literals;
    private final List<Placeholder> placeholders;
    // One date formatter per placeholder, made on first use: not thread-safe, an instance serves one caller.
    private final DateTimeFormatter[] formatters;

    private UrlTemplate(List<String> literals, List<Placeholder> placeholders) {
        this.literals = literals;
        this.placeholders = placeholders;
        this.formatters = new DateTimeFormatter[placeholders.size()];
    }

    /** Splits {@code template} into text and placeholders; throws on an unclosed or empty placeholder. */
    static UrlTemplate parse(String template) {
        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        int from = 0;
        int i;
        while ((i = template.indexOf('{', from)) >= 0) {
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
            literals.add(template.substring(from, i));
            placeholders.add(new Placeholder(name, colon < 0 ? null : inner.substring(colon + 1)));
            from = end + 1;
        }
        literals.add(template.substring(from));
        return new UrlTemplate(literals, placeholders);
    }

    /** The placeholders of {@code template} in order; throws on an unclosed or empty one. */
    static List<Placeholder> placeholders(String template) {
        return parse(template).placeholders;
    }

    static String render(String template, Map<String, Object> keys) {
        return parse(template).render(keys);
    }

    String render(Map<String, Object> keys) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int p = 0; p < placeholders.size(); p++) {
            Placeholder ph = placeholders.get(p);
            if (!keys.containsKey(ph.name())) {
                throw new RecipeException("file_pattern: placeholder {" + ph.name() + "} names no combine dimension (have "
                        + keys.keySet() + ")");
            }
            out.append(format(p, keys.get(ph.name()))).append(literals.get(p + 1));
        }
        return out.toString();
    }

    private String format(int p, Object key) {
        String name = placeholders.get(p).name();
        String format = placeholders.get(p).format();
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
                if (formatters[p] == null) {
                    formatters[p] = DateTimeFormatter.ofPattern(format, Locale.ROOT);
                }
                return formatters[p].format((TemporalAccessor) key);
            }
            return String.format(Locale.ROOT, format, key);
        } catch (RuntimeException e) {
            throw new RecipeException("file_pattern: cannot format key '" + key + "' of {" + name + "} with '"
                    + format + "': " + e.getMessage(), e);
        }
    }
}
