package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How remote inputs (http, https, ftp) are fetched. None of this changes the output, so none of it
 * is part of {@link Recipe#fingerprint()}.
 *
 * @param headers               HTTP headers sent with every request (not secrets: use credentials)
 * @param credentials           names of the environment variables holding secrets
 * @param maxConnectionsPerHost at most this many connections to one host at a time, across the whole job
 * @param retries               retries of a request after a timeout, reset connection, 429 or 5xx
 * @param timeoutSeconds        connect and read timeout of one request
 */
public record SourceOptions(Map<String, String> headers, Credentials credentials, int maxConnectionsPerHost,
                            int retries, int timeoutSeconds) implements Serializable {
    /** Polite defaults: pangeo-forge found that many simultaneous requests make providers refuse. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 4;
    public static final int DEFAULT_RETRIES = 6;
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public static final SourceOptions DEFAULT = new SourceOptions(Map.of(), Credentials.NONE,
            DEFAULT_MAX_CONNECTIONS_PER_HOST, DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS);

    public SourceOptions {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        credentials = credentials == null ? Credentials.NONE : credentials;
    }

    public SourceOptions withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new SourceOptions(h, credentials, maxConnectionsPerHost, retries, timeoutSeconds);
    }

    public SourceOptions withCredentials(Credentials c) {
        return new SourceOptions(headers, c, maxConnectionsPerHost, retries, timeoutSeconds);
    }

    public SourceOptions withMaxConnectionsPerHost(int n) {
        return new SourceOptions(headers, credentials, n, retries, timeoutSeconds);
    }

    public SourceOptions withRetries(int n) {
        return new SourceOptions(headers, credentials, maxConnectionsPerHost, n, timeoutSeconds);
    }

    public SourceOptions withTimeoutSeconds(int s) {
        return new SourceOptions(headers, credentials, maxConnectionsPerHost, retries, s);
    }

    /**
     * Names of environment variables (never the secrets themselves): read on the driver when a run
     * starts; a variable that is not set stops the run before any work.
     *
     * @param usernameEnv        user name for HTTP basic authentication and FTP login
     * @param passwordEnv        password for HTTP basic authentication and FTP login
     * @param bearerTokenEnv     token sent as "Authorization: Bearer ..."
     * @param queryStringSecrets query parameter -> variable, appended to every HTTP request's URL
     */
    public record Credentials(String usernameEnv, String passwordEnv, String bearerTokenEnv,
                              Map<String, String> queryStringSecrets) implements Serializable {
        public static final Credentials NONE = new Credentials(null, null, null, Map.of());

        public Credentials {
            queryStringSecrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    queryStringSecrets == null ? Map.of() : queryStringSecrets));
        }

        public static Credentials basic(String usernameEnv, String passwordEnv) {
            return new Credentials(usernameEnv, passwordEnv, null, Map.of());
        }

        public static Credentials bearer(String tokenEnv) {
            return new Credentials(null, null, tokenEnv, Map.of());
        }

        public static Credentials queryString(Map<String, String> paramToEnv) {
            return new Credentials(null, null, null, paramToEnv);
        }

        public boolean isEmpty() {
            return usernameEnv == null && passwordEnv == null && bearerTokenEnv == null && queryStringSecrets.isEmpty();
        }
    }
}
