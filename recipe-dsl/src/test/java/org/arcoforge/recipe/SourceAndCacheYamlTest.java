package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source (fetching, credentials) and cache fields: loading, defaults, errors, fingerprint. */
class SourceAndCacheYamlTest {
    private static final String FULL = BASE + """
            source:
              headers: {User-Agent: "lab (me@example.org)", Accept: "*/*"}
              credentials:
                username_env: DATA_USER
                password_env: DATA_PASSWORD
                query_string_secrets: {token: DATA_TOKEN, sig: DATA_SIG}
              max_connections_per_host: 2
              retries: 3
              timeout_seconds: 15
            cache: {root: "cache-dir"}
            """;

    @Test
    void everyFieldIsRead() {
        Recipe r = RecipeYaml.parse(FULL, "r.yaml", Path.of("/recipes"));
        SourceOptions s = r.sourceOptions();
        assertThat(s.headers()).containsExactly(Map.entry("User-Agent", "lab (me@example.org)"), Map.entry("Accept", "*/*"));
        assertThat(s.credentials()).isEqualTo(new SourceOptions.Credentials("DATA_USER", "DATA_PASSWORD", null,
                Map.of("token", "DATA_TOKEN", "sig", "DATA_SIG")));
        assertThat(s.maxConnectionsPerHost()).isEqualTo(2);
        assertThat(s.retries()).isEqualTo(3);
        assertThat(s.timeoutSeconds()).isEqualTo(15);
        // relative to the recipe's directory, like templates
        assertThat(r.cache()).isEqualTo(new CacheOptions(true, "/recipes/cache-dir"));
    }

    @Test
    void defaultsArePoliteAndTheCacheIsOn() {
        Recipe r = RecipeYaml.parse(BASE, "r.yaml", null);
        assertThat(r.sourceOptions()).isEqualTo(SourceOptions.DEFAULT);
        assertThat(r.sourceOptions().maxConnectionsPerHost()).isEqualTo(4);
        assertThat(r.cache()).isEqualTo(CacheOptions.DEFAULT);
    }

    @Test
    void cacheFalseIsShortForDisabled() {
        assertThat(RecipeYaml.parse(BASE + "cache: false\n", "r.yaml", null).cache()).isEqualTo(CacheOptions.OFF);
        assertThat(RecipeYaml.parse(BASE + "cache: {enabled: false}\n", "r.yaml", null).cache().enabled()).isFalse();
        assertThat(RecipeYaml.parse(BASE + "cache: {root: \"s3a://b/c\"}\n", "r.yaml", Path.of("/x")).cache())
                .isEqualTo(CacheOptions.at("s3a://b/c"));
    }

    @Test
    void sourceAndCacheDoNotChangeTheFingerprint() {
        Recipe plain = RecipeYaml.parse(BASE, "a.yaml", null);
        Recipe remote = RecipeYaml.parse(FULL, "b.yaml", null);
        Recipe off = RecipeYaml.parse(BASE + "cache: false\n", "c.yaml", null);
        assertThat(remote.fingerprint()).isEqualTo(plain.fingerprint());
        assertThat(off.fingerprint()).isEqualTo(plain.fingerprint());
        assertThat(remote.canonicalForm()).doesNotContain("DATA_").doesNotContain("User-Agent");
    }

    @Test
    void prunedAndRebuiltRecipesKeepTheOptions() {
        Recipe r = RecipeYaml.parse(FULL, "r.yaml", null).pruned(2);
        assertThat(r.sourceOptions().maxConnectionsPerHost()).isEqualTo(2);
        assertThat(r.cache().root()).isEqualTo("cache-dir");
    }

    @Test
    void javaBuilderSetsTheSameOptions() {
        Recipe r = Recipe.builder(FilePattern.template("https://h/{n}.nc", MergeDim.of("n", java.util.List.of("a", "b"))))
                .header("User-Agent", "x")
                .credentials(SourceOptions.Credentials.bearer("TOKEN_VAR"))
                .maxConnectionsPerHost(1)
                .cache(CacheOptions.OFF)
                .build();
        assertThat(r.sourceOptions().headers()).containsEntry("User-Agent", "x");
        assertThat(r.sourceOptions().credentials().bearerTokenEnv()).isEqualTo("TOKEN_VAR");
        assertThat(r.cache().enabled()).isFalse();
    }

    @Test
    void unknownSourceFieldSuggestsTheNearOne() {
        failsAt(BASE + "source: {max_connection_per_host: 2}\n", "max_connection_per_host", true)
                .contains("unknown field 'max_connection_per_host' in source (did you mean 'max_connections_per_host'?)");
    }

    @Test
    void usernameWithoutPasswordIsRefused() {
        failsAt(BASE + "source:\n  credentials:\n    username_env: U\n", "username_env", false)
                .contains("username_env and source.credentials.password_env go together");
    }

    @Test
    void aSecretWhereAVariableNameBelongsIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  credentials:\n    bearer_token_env: \"abc.def-123\"\n",
                "r.yaml", null))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("source.credentials.bearer_token_env must be the name of an environment variable")
                .hasMessageNotContaining("abc.def-123");
        assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  credentials:\n    query_string_secrets: {token: \"s3cr.et\"}\n",
                "r.yaml", null))
                .hasMessageContaining("source.credentials.query_string_secrets.token must be the name of an environment variable")
                .hasMessageNotContaining("s3cr.et");
    }

    @Test
    void aNumericSecretIsRefusedWithoutRepeatingIt() {
        for (String field : java.util.List.of("bearer_token_env", "username_env", "password_env")) {
            assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  credentials:\n    " + field + ": 987654321\n",
                    "r.yaml", null))
                    .isInstanceOf(RecipeException.class)
                    .hasMessageContaining("source.credentials." + field + " must be text, got a number")
                    .hasMessageNotContaining("987654321");
        }
        assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  credentials:\n    query_string_secrets: {token: 987654321}\n",
                "r.yaml", null))
                .hasMessageContaining("source.credentials.query_string_secrets.token must be text, got a number")
                .hasMessageNotContaining("987654321");
        assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  credentials: 987654321\n", "r.yaml", null))
                .hasMessageContaining("source.credentials must be a mapping")
                .hasMessageNotContaining("987654321");
        assertThatThrownBy(() -> RecipeYaml.parse(BASE + "source:\n  headers: {X-Api-Key: 987654321}\n", "r.yaml", null))
                .hasMessageContaining("source.headers.X-Api-Key must be text, got a number")
                .hasMessageNotContaining("987654321");
    }

    @Test
    void aHeaderValueOverTwoLinesIsRefusedWithoutRepeatingIt() {
        Recipe.Builder b = Recipe.builder(FilePattern.template("https://h/{n}.nc", MergeDim.of("n", java.util.List.of("a"))))
                .header("X-Api-Key", "k3y\nmore");
        assertThatThrownBy(b::build)
                .hasMessageContaining("source.headers.X-Api-Key must be one line of text")
                .hasMessageNotContaining("k3y");
    }

    @Test
    void authorizationHeaderIsRefused() {
        failsAt(BASE + "source:\n  headers: {Authorization: \"Bearer x\"}\n", "Bearer x", false)
                .contains("source.headers must not hold Authorization");
    }

    @Test
    void politenessNumbersMustBePositive() {
        failsAt(BASE + "source: {max_connections_per_host: 0}\n", "max_connections_per_host", false)
                .contains("source.max_connections_per_host must be a positive integer, got 0");
        failsAt(BASE + "source: {timeout_seconds: \"ten\"}\n", "\"ten\"", true)
                .contains("source.timeout_seconds must be a positive integer");
        failsAt(BASE + "cache: maybe\n", "maybe", true).contains("cache must be true or false");
    }
}
