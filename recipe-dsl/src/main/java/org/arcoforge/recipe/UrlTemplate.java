package org.arcoforge.recipe;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
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
            String name = colon < 0 ? inner : inner.substring(0, colon);
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
        try {
            if (key instanceof TemporalAccessor t) {
                return DateTimeFormatter.ofPattern(format).format(t);
            }
            return String.format(java.util.Locale.ROOT, format, key);
        } catch (RuntimeException e) {
            throw new RecipeException("file_pattern: cannot format key '" + key + "' of {" + name + "} with '"
                    + format + "': " + e.getMessage(), e);
        }
    }
}
