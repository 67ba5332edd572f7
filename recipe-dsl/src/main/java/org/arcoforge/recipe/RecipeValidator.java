package org.arcoforge.recipe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a recipe must follow, shared by the Java builder and the YAML loader. Each problem
 * carries the YAML field path it is about (target_chunks.lat, file_pattern.concat_dim.keys...),
 * so the YAML loader can point at the line.
 */
final class RecipeValidator {
    private final List<RecipeProblem> problems = new ArrayList<>();

    private RecipeValidator() {
    }

    static List<RecipeProblem> check(Recipe r) {
        RecipeValidator v = new RecipeValidator();
        v.run(r);
        return v.problems;
    }

    private void add(String path, String message) {
        problems.add(new RecipeProblem(path, message));
    }

    private void run(Recipe r) {
        if (r.name() == null || r.name().isBlank()) {
            add("name", "name must not be empty");
        }
        checkPattern(r.filePattern());
        if (r.fileType() == null) {
            add("file_type", "file_type must be one of netcdf3, netcdf4, auto");
        }
        if (r.allGroups() && r.group() != null) {
            add("groups", "groups: all writes every group; it cannot be combined with group: " + r.group()
                    + " (keep one of them)");
        } else if (r.allGroups() && r.fileType() == FileType.NETCDF3) {
            add("groups", "groups: all needs NetCDF-4/HDF5 inputs, but file_type is netcdf3 (NetCDF-3 files have no groups)");
        }
        if (r.group() != null) {
            if (r.group().isBlank()) {
                add("group", "group must be a group path such as /Grid, got an empty one");
            } else if (r.fileType() == FileType.NETCDF3) {
                add("group", "group: " + r.group() + " needs NetCDF-4/HDF5 inputs, but file_type is netcdf3"
                        + " (NetCDF-3 files have no groups)");
            }
        }
        r.targetChunks().forEach((dim, len) -> {
            if (dim == null || dim.isBlank()) {
                add("target_chunks", "target_chunks has an empty dimension name");
            } else if (len == null || len < 1) {
                add("target_chunks." + dim, "target_chunks." + dim + " must be a positive integer, got " + len);
            }
        });
        checkFormat(r);
        ReferenceRules.check(r, this::add);
        if (r.inputsPerChunk() < 1) {
            add("inputs_per_chunk", "inputs_per_chunk must be a positive integer, got " + r.inputsPerChunk());
        }
        if (r.targetChunkSize() < 0) {
            add("target_chunk_size", "target_chunk_size must be a positive size, got " + r.targetChunkSize());
        }
        for (int i = 0; i < r.chunkFavor().size(); i++) {
            String d = r.chunkFavor().get(i);
            if (d == null || d.isBlank()) {
                add("target_chunk_size.favor[" + i + "]", "target_chunk_size.favor[" + i + "] must be a dimension name");
            }
        }
        if (r.maxTaskMemory() < 0) {
            add("max_task_memory", "max_task_memory must be a positive size, got " + r.maxTaskMemory());
        }
        checkCompressor(r.compressor());
        for (int i = 0; i < r.dropVariables().size(); i++) {
            String v = r.dropVariables().get(i);
            if (v == null || v.isBlank()) {
                add("drop_variables[" + i + "]", "drop_variables[" + i + "] must be a variable name, got an empty one");
            }
        }
        r.setAttributes().forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                add("set_attributes", "set_attributes has an empty attribute name");
            } else if (!isAttributeValue(v, true)) {
                add("set_attributes." + k, "set_attributes." + k
                        + " must be text, a number, true/false or a list of those, got " + describe(v));
            }
        });
        for (int i = 0; i < r.preprocessors().size(); i++) {
            if (r.preprocessors().get(i) == null) {
                add("preprocess[" + i + "]", "preprocess[" + i + "] is null");
            }
        }
        r.encoding().forEach(this::checkEncoding);
        if (!(r.coordinateTolerance() >= 0) || Double.isInfinite(r.coordinateTolerance())) {
            add("coordinate_tolerance", "coordinate_tolerance must be a number, 0 or more, got " + r.coordinateTolerance());
        }
        checkSource(r.sourceOptions());
        if (r.cache() == null) {
            add("cache", "cache must not be null (use CacheOptions.OFF to read sources in place)");
        } else if (r.cache().root() != null && r.cache().root().isBlank()) {
            add("cache.root", "cache.root is empty: give a path or URI, or leave it out for the default");
        }
    }

    private void checkFormat(Recipe r) {
        if (r.zarrFormat() != 2 && r.zarrFormat() != 3) {
            add("zarr_format", "zarr_format must be 2 or 3, got " + r.zarrFormat());
        }
        if (r.zarrFormat() == 3 && r.allGroups()) {
            add("zarr_format", "zarr_format: 3 is not yet written for groups: all (nested groups); use zarr_format: 2");
        }
        if (!r.shards().isEmpty() && r.zarrFormat() == 2) {
            add("shards", "shards need zarr_format: 3 (Zarr v2 has no shards); add zarr_format: 3 or leave shards out");
        }
        r.shards().forEach((dim, len) -> {
            if (dim == null || dim.isBlank()) {
                add("shards", "shards has an empty dimension name");
            } else if (len == null || len < 1) {
                add("shards." + dim, "shards." + dim + " must be a positive integer, got " + len);
            } else if (r.targetChunks().get(dim) != null && r.targetChunks().get(dim) > 0
                    && len % r.targetChunks().get(dim) != 0) {
                add("shards." + dim, "shards." + dim + " (" + len + ") must be a multiple of target_chunks." + dim
                        + " (" + r.targetChunks().get(dim) + "): a shard holds whole chunks");
            }
        });
    }

    private void checkEncoding(String var, VariableEncoding e) {
        String p = "encoding." + var;
        if (var == null || var.isBlank()) {
            add("encoding", "encoding has an empty variable name");
            return;
        }
        if (e == null) {
            add(p, p + " must be a mapping such as {dtype: float32}");
            return;
        }
        if (e.dtype() == null && e.scaleFactor() == null && e.addOffset() == null && e.fillValue() == null) {
            add(p, p + " is empty: give dtype, scale_factor, add_offset or _FillValue");
        }
        if (e.dtype() != null && !VariableEncoding.DTYPES.contains(e.dtype())) {
            add(p + ".dtype", p + ".dtype must be one of " + String.join(", ", VariableEncoding.DTYPES)
                    + ", got " + describe(e.dtype()));
        }
        if (e.scaleFactor() != null && (e.scaleFactor() == 0 || !Double.isFinite(e.scaleFactor()))) {
            add(p + ".scale_factor", p + ".scale_factor must be a finite number other than 0, got " + e.scaleFactor());
        }
        if (e.addOffset() != null && !Double.isFinite(e.addOffset())) {
            add(p + ".add_offset", p + ".add_offset must be a finite number, got " + e.addOffset());
        }
        if (e.fillValue() != null && Double.isNaN(e.fillValue()) && e.dtype() != null && !e.isFloating()) {
            add(p + "._FillValue", p + "._FillValue NaN needs a float dtype, but dtype is " + e.dtype());
        }
    }

    private void checkSource(SourceOptions s) {
        if (s == null) {
            add("source", "source must not be null");
            return;
        }
        s.headers().forEach((k, v) -> {
            if (k == null || !k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                add("source.headers", "source.headers has an invalid header name " + describe(k));
            } else if (v == null || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                // The value is not repeated: a header may carry a key despite the advice not to.
                add("source.headers." + k, "source.headers." + k + " must be one line of text");
            } else if (k.equalsIgnoreCase("Authorization")) {
                add("source.headers." + k, "source.headers must not hold Authorization: a secret written in the recipe "
                        + "ends up in logs and copies; name an environment variable in source.credentials instead");
            }
        });
        if (s.maxConnectionsPerHost() < 1) {
            add("source.max_connections_per_host", "source.max_connections_per_host must be a positive integer, got "
                    + s.maxConnectionsPerHost());
        }
        if (s.retries() < 0) {
            add("source.retries", "source.retries must be 0 or more, got " + s.retries());
        }
        if (s.timeoutSeconds() < 1) {
            add("source.timeout_seconds", "source.timeout_seconds must be a positive integer, got " + s.timeoutSeconds());
        }
        SourceOptions.Credentials c = s.credentials();
        String p = "source.credentials.";
        checkEnvName(p + "username_env", c.usernameEnv());
        checkEnvName(p + "password_env", c.passwordEnv());
        checkEnvName(p + "bearer_token_env", c.bearerTokenEnv());
        c.queryStringSecrets().forEach((param, env) -> {
            if (param == null || param.isBlank()) {
                add(p + "query_string_secrets", p + "query_string_secrets has an empty parameter name");
            } else {
                checkEnvName(p + "query_string_secrets." + param, env);
                if (env == null) {
                    add(p + "query_string_secrets." + param, p + "query_string_secrets." + param
                            + " must name an environment variable");
                }
            }
        });
        if ((c.usernameEnv() == null) != (c.passwordEnv() == null)) {
            add(p + (c.usernameEnv() == null ? "password_env" : "username_env"), p + "username_env and "
                    + p + "password_env go together: give both or neither");
        }
        if (c.usernameEnv() != null && c.bearerTokenEnv() != null) {
            add(p + "bearer_token_env", p + "bearer_token_env and username_env/password_env both set the HTTP "
                    + "Authorization header: give one of them");
        }
    }

    private void checkEnvName(String path, String env) {
        // The value is not repeated: it is likely the secret itself, written where its variable's name belongs.
        if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            add(path, path + " must be the name of an environment variable (letters, digits, _),"
                    + " never the secret itself");
        }
    }

    // Names and levels are the codec registry's (spark-app), checked through a RecipeRule.
    private void checkCompressor(Compressor c) {
        if (c == null) {
            add("compressor", "compressor must not be null (use name 'none' for no compression)");
        } else if (c.name() == null || c.name().isBlank()) {
            add("compressor.name", "compressor.name must be a compressor name such as zstd, got " + describe(c.name()));
        }
    }

    private void checkPattern(FilePattern p) {
        int before = problems.size();
        p.concatDim().ifPresent(d -> checkDim("file_pattern.concat_dim", d.name(), d.keys()));
        p.concatDim().map(ConcatDim::itemsPerFile).filter(n -> n < 1).ifPresent(n -> add(
                "file_pattern.concat_dim.items_per_file",
                "file_pattern.concat_dim.items_per_file must be a positive integer, got " + n));
        p.mergeDim().ifPresent(d -> checkDim("file_pattern.merge_dim", d.name(), d.keys()));
        if (p.concatDim().isPresent() && p.mergeDim().isPresent()
                && p.concatDim().get().name().equals(p.mergeDim().get().name())) {
            add("file_pattern.merge_dim.name", "file_pattern.merge_dim.name '" + p.mergeDim().get().name()
                    + "' is also the name of the concat dimension");
        }
        if (p.files().isPresent()) {
            checkFiles(p.files().get());
        } else if (p.template().isPresent()) {
            checkTemplate(p);
        } else {
            add("file_pattern", "file_pattern needs a template or a list of files");
        }
        if (problems.size() == before) {
            checkDistinctUrls(p);
        }
    }

    private void checkDim(String path, String name, List<Object> keys) {
        if (name == null || name.isBlank()) {
            add(path + ".name", path + ".name must not be empty");
        }
        if (keys.isEmpty()) {
            add(path + ".keys", path + ".keys is empty: give at least one key");
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (Object k : keys) {
            if (!seen.add(k)) {
                add(path + ".keys", path + ".keys has the key " + describe(k) + " more than once");
                return;
            }
        }
    }

    private void checkFiles(List<String> files) {
        if (files.isEmpty()) {
            add("file_pattern.files", "file_pattern.files is empty: list at least one file");
        }
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null || files.get(i).isBlank()) {
                add("file_pattern.files[" + i + "]", "file_pattern.files[" + i + "] is empty");
            }
        }
    }

    private void checkTemplate(FilePattern p) {
        String template = p.template().get();
        List<UrlTemplate.Placeholder> placeholders;
        try {
            placeholders = UrlTemplate.placeholders(template);
        } catch (RecipeException e) {
            add("file_pattern.template", "file_pattern.template " + stripPrefix(e.getMessage()));
            return;
        }
        List<String> dimNames = p.dims().stream().map(CombineDim::name).toList();
        Set<String> used = new LinkedHashSet<>();
        for (UrlTemplate.Placeholder ph : placeholders) {
            used.add(ph.name());
            if (!dimNames.contains(ph.name())) {
                add("file_pattern.template", "file_pattern.template has placeholder " + ph
                        + " but the combine dimensions are " + dimNames);
            }
        }
        for (CombineDim d : p.dims()) {
            if (d.name() != null && !d.name().isBlank() && !used.contains(d.name())) {
                String kind = d instanceof ConcatDim ? "concat" : "merge";
                add("file_pattern.template", "file_pattern.template has no placeholder {" + d.name() + "} for the "
                        + kind + " dimension '" + d.name() + "': every input would have the same URL");
            }
        }
    }

    private void checkDistinctUrls(FilePattern p) {
        List<InputFile> inputs;
        try {
            inputs = p.inputs();
        } catch (RecipeException e) {
            add("file_pattern.template", "file_pattern.template " + stripPrefix(e.getMessage()));
            return;
        }
        Map<String, InputFile> seen = new HashMap<>();
        for (InputFile in : inputs) {
            InputFile other = seen.putIfAbsent(in.url(), in);
            if (other != null) {
                String where = p.files().isPresent() ? "file_pattern.files" : "file_pattern.template";
                add(where, where + " gives the same file '" + in.url() + "' for keys " + other.keys() + " and "
                        + in.keys() + (p.files().isPresent() ? "" : ": its placeholder formats drop a part of the key"));
                return;
            }
        }
    }

    private static String stripPrefix(String message) {
        return message.startsWith("file_pattern: ") ? message.substring("file_pattern: ".length()) : message;
    }

    /**
     * Text, a number or a non-empty list of those; true/false too when {@code booleans} (global
     * attributes take them, NetCDF variable attributes have no such type).
     */
    static boolean isAttributeValue(Object v, boolean booleans) {
        if (v instanceof List<?> list) {
            return !list.isEmpty() && list.stream().allMatch(e -> isScalarAttribute(e, booleans));
        }
        return isScalarAttribute(v, booleans);
    }

    private static boolean isScalarAttribute(Object v, boolean booleans) {
        return v instanceof String || booleans && v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte;
    }

    /** A value as a scientist would recognise it in the YAML: text quoted, numbers bare. */
    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "an empty list" : "a list";
        }
        return String.valueOf(v);
    }
}
