package org.arcoforge.recipe;

import static org.arcoforge.recipe.RecipeYaml.CACHE_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.CREDENTIALS_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.SOURCE_FIELDS;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** RecipeYaml: the source (HTTP) and cache options. */
abstract class SourceYaml extends FilePatternYaml {
    SourceYaml(String source, Path baseDir) {
        super(source, baseDir);
    }

    SourceOptions sourceOptions(Field f) {
        String path = "source";
        MapNode m = map(f.value(), path, "{headers: {User-Agent: my-lab}, max_connections_per_host: 2}");
        checkFields(m, path, SOURCE_FIELDS);
        SourceOptions o = SourceOptions.DEFAULT;
        Field x;
        if ((x = given(m, "headers")) != null) {
            for (Field h : map(x.value(), path + ".headers", "{User-Agent: \"my-lab (me@example.org)\"}")
                    .fields().values()) {
                o = o.withHeader(h.key(), text(h.value(), path + ".headers." + h.key()));
            }
        }
        if ((x = given(m, "credentials")) != null) {
            o = o.withCredentials(credentials(x));
        }
        if ((x = m.get("max_connections_per_host")) != null) {
            o = o.withMaxConnectionsPerHost(integer(x.value(), path + ".max_connections_per_host", "a positive integer"));
        }
        if ((x = m.get("retries")) != null) {
            o = o.withRetries(integer(x.value(), path + ".retries", "0 or a positive integer"));
        }
        if ((x = m.get("timeout_seconds")) != null) {
            o = o.withTimeoutSeconds(integer(x.value(), path + ".timeout_seconds", "a positive integer"));
        }
        return o;
    }

    SourceOptions.Credentials credentials(Field f) {
        String path = "source.credentials";
        MapNode m = map(f.value(), path, "{username_env: EARTHDATA_USER, password_env: EARTHDATA_PASSWORD}");
        checkFields(m, path, CREDENTIALS_FIELDS);
        Map<String, String> query = new LinkedHashMap<>();
        Field q = given(m, "query_string_secrets");
        if (q != null) {
            for (Field p : map(q.value(), path + ".query_string_secrets", "{token: MY_TOKEN_VARIABLE}").fields().values()) {
                query.put(p.key(), text(p.value(), path + ".query_string_secrets." + p.key()));
            }
        }
        return new SourceOptions.Credentials(optionalText(m, path, "username_env"),
                optionalText(m, path, "password_env"), optionalText(m, path, "bearer_token_env"), query);
    }

    String optionalText(MapNode m, String path, String key) {
        Field f = m.get(key);
        return f == null ? null : text(f.value(), path + "." + key);
    }

    CacheOptions cache(Field f) {
        String path = "cache";
        if (f.value() instanceof Scalar) {
            return bool(f.value(), path) ? CacheOptions.DEFAULT : CacheOptions.OFF;
        }
        MapNode m = map(f.value(), path, "{enabled: true, root: \"s3a://bucket/cache\"}");
        checkFields(m, path, CACHE_FIELDS);
        boolean enabled = m.get("enabled") == null || bool(m.get("enabled").value(), path + ".enabled");
        String root = m.get("root") == null ? null : text(m.get("root").value(), path + ".root");
        return new CacheOptions(enabled, root == null ? null : FilePattern.resolve(baseDir, root));
    }
}
