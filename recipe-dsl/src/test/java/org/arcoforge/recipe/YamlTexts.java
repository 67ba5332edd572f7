package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractStringAssert;

/** Helpers that find where a snippet is written, so tests never hard-code line numbers. */
final class YamlTexts {
    static final String SOURCE = "recipes/bad.yaml";

    /** A small valid recipe that the error tests edit. */
    static final String BASE = """
            name: test
            file_pattern:
              template: "data/{time:yyyyMMdd}.nc"
              concat_dim:
                name: time
                keys: {dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}
            target_chunks: {time: 10}
            """;

    private YamlTexts() {
    }

    static int lineOf(String text, String snippet) {
        int at = indexOf(text, snippet);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static int columnOf(String text, String snippet) {
        int at = indexOf(text, snippet);
        return at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
    }

    private static int indexOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        if (at < 0) {
            throw new IllegalArgumentException("test bug: '" + snippet + "' is not in\n" + text);
        }
        return at;
    }

    /** Asserts the YAML fails and that the message starts at the line (and column) of {@code at}. */
    static AbstractStringAssert<?> failsAt(String yaml, String at, boolean checkColumn) {
        String where = SOURCE + " line " + lineOf(yaml, at) + (checkColumn ? ", column " + columnOf(yaml, at) + ":" : ",");
        return assertThatThrownBy(() -> RecipeYaml.parse(yaml, SOURCE, null))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining(where)
                .extracting(Throwable::getMessage, org.assertj.core.api.InstanceOfAssertFactories.STRING);
    }

    static String replace(String text, String from, String to) {
        indexOf(text, from);
        return text.replace(from, to);
    }
}
