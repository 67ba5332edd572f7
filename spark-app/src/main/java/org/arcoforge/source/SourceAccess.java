package org.arcoforge.source;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.RecipeException;
import org.arcoforge.recipe.SourceOptions;

/**
 * A recipe's {@link SourceOptions} with the secrets read from the environment, as remote
 * {@link ByteSource}s need them. Resolved once on the driver and shipped to executors, so executors
 * need not have the variables. {@link #toString()} and {@link #scrub} keep the values out of text.
 */
public final class SourceAccess implements Serializable {
    public static final SourceAccess NONE = new SourceAccess(SourceOptions.DEFAULT, null, null, null, Map.of());

    private final Map<String, String> headers;
    private final int maxConnectionsPerHost;
    private final int retries;
    private final int timeoutSeconds;
    private final String username;
    private final String password;
    private final String bearerToken;
    private final Map<String, String> querySecrets;

    private SourceAccess(SourceOptions o, String username, String password, String bearerToken,
                         Map<String, String> querySecrets) {
        this.headers = Map.copyOf(o.headers());
        this.maxConnectionsPerHost = o.maxConnectionsPerHost();
        this.retries = o.retries();
        this.timeoutSeconds = o.timeoutSeconds();
        this.username = username;
        this.password = password;
        this.bearerToken = bearerToken;
        this.querySecrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(querySecrets));
    }

    /**
     * Reads the variables the options name from {@code env}.
     *
     * @throws RecipeException naming every variable that is not set (never a value)
     */
    public static SourceAccess resolve(SourceOptions o, Map<String, String> env) {
        SourceOptions.Credentials c = o.credentials();
        List<String> missing = new ArrayList<>();
        String user = variable(env, c.usernameEnv(), "source.credentials.username_env", missing);
        String pass = variable(env, c.passwordEnv(), "source.credentials.password_env", missing);
        String token = variable(env, c.bearerTokenEnv(), "source.credentials.bearer_token_env", missing);
        Map<String, String> query = new LinkedHashMap<>();
        c.queryStringSecrets().forEach((param, name) ->
                query.put(param, variable(env, name, "source.credentials.query_string_secrets." + param, missing)));
        if (!missing.isEmpty()) {
            throw new RecipeException("the recipe's credentials name environment variables that are not set: "
                    + String.join("; ", missing) + ". Set them (export NAME=...) before running");
        }
        return new SourceAccess(o, user, pass, token, query);
    }

    private static String variable(Map<String, String> env, String name, String field, List<String> missing) {
        if (name == null) {
            return null;
        }
        String v = env.get(name);
        if (v == null || v.isEmpty()) {
            missing.add(name + " (" + field + ")");
        }
        return v;
    }

    public Map<String, String> headers() { return headers; }

    public int maxConnectionsPerHost() { return maxConnectionsPerHost; }

    public int retries() { return retries; }

    public int timeoutSeconds() { return timeoutSeconds; }

    String username() { return username; }

    String password() { return password; }

    /** The Authorization header value, or null. */
    String authorization() {
        if (bearerToken != null) {
            return "Bearer " + bearerToken;
        }
        if (username != null) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code uri} with the query-string secrets appended: only ever used for the request itself. */
    URI withQuerySecrets(URI uri) {
        if (querySecrets.isEmpty()) {
            return uri;
        }
        StringBuilder q = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        querySecrets.forEach((k, v) -> {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        String s = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + "?" + q;
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot add query parameters to " + ByteSources.display(uri), e);
        }
    }

    /** {@code text} with every secret value (raw and URL-encoded) replaced by ***: for library messages. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> secrets = new ArrayList<>(querySecrets.values());
        secrets.add(password);
        secrets.add(bearerToken);
        String auth = authorization();
        secrets.add(auth == null ? null : auth.substring(auth.indexOf(' ') + 1));
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "***").replace(URLEncoder.encode(s, StandardCharsets.UTF_8), "***");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SourceAccess[headers=" + headers.keySet() + ", maxConnectionsPerHost=" + maxConnectionsPerHost
                + ", retries=" + retries + ", timeoutSeconds=" + timeoutSeconds
                + (username != null ? ", basic auth" : "") + (bearerToken != null ? ", bearer token" : "")
                + (querySecrets.isEmpty() ? "" : ", query secrets " + querySecrets.keySet()) + "]";
    }
}
