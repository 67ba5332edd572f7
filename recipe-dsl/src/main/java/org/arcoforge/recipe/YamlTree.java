package org.arcoforge.recipe;

import static org.arcoforge.recipe.RecipeYaml.suggestion;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RecipeYaml's tree with line numbers: reading it, typed access to its values, located messages. */
abstract class YamlTree {
    private static final Pattern SNAKE_MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+)");

    record Loc(int line, int column) {
        static final Loc START = new Loc(1, 1);
    }

    sealed interface Node permits MapNode, ListNode, Scalar {
        Loc loc();
    }

    record Field(String key, Loc keyLoc, Node value) {
    }

    record MapNode(Loc loc, Map<String, Field> fields) implements Node {
        Field get(String key) { return fields.get(key); }
    }

    record ListNode(Loc loc, List<Node> items) implements Node {
    }

    /** value: String, Integer, Long, BigInteger, Double, Boolean or null. */
    record Scalar(Loc loc, Object value) implements Node {
    }

    final String source;
    final Path baseDir;
    // Field path (target_chunks.lat, preprocess[0]) -> where it is written, to place validator problems.
    final Map<String, Loc> locations = new HashMap<>();

    YamlTree(String source, Path baseDir) {
        this.source = source == null ? "recipe" : source;
        this.baseDir = baseDir;
    }

    // ---- reading the tree ----

    Node read(JsonParser p, String path, Loc ownerLoc) throws IOException {
        Loc loc = loc(p.currentTokenLocation());
        Node node = switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Field> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Loc keyLoc = loc(p.currentTokenLocation());
                    p.nextToken();
                    Node value = read(p, join(path, key), keyLoc);
                    Field before = fields.get(key);
                    if (before != null) {
                        throw error(keyLoc, "field '" + key + "' appears twice in " + where(path)
                                + " (first on line " + before.keyLoc().line() + ")");
                    }
                    fields.put(key, new Field(key, keyLoc, value));
                }
                yield new MapNode(loc, fields);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + items.size() + "]", null));
                }
                yield new ListNode(loc, items);
            }
            case VALUE_STRING -> new Scalar(loc, p.getText());
            case VALUE_NUMBER_INT -> new Scalar(loc, p.getNumberValue());
            case VALUE_NUMBER_FLOAT -> new Scalar(loc, p.getDoubleValue());
            case VALUE_TRUE -> new Scalar(loc, Boolean.TRUE);
            case VALUE_FALSE -> new Scalar(loc, Boolean.FALSE);
            case VALUE_NULL -> new Scalar(loc, null);
            default -> throw error(loc, "unsupported YAML value at " + where(path) + ": " + p.getText());
        };
        // A mapping or list is best shown where its key is written; a scalar where its value is.
        locations.put(path, node instanceof Scalar || ownerLoc == null ? loc : ownerLoc);
        return node;
    }

    // ---- typed access ----

    void checkFields(MapNode m, String path, List<String> known) {
        for (Field f : m.fields().values()) {
            if (!known.contains(f.key())) {
                throw error(f.keyLoc(), "unknown field '" + f.key() + "' in " + where(path)
                        + suggestion(f.key(), known, "known fields:"));
            }
        }
    }

    String requiredText(MapNode m, Field owner, String path, String key, String what) {
        Field f = m.get(key);
        if (f == null) {
            throw error(owner.keyLoc(), path + " needs a " + key + ": " + what);
        }
        return text(f.value(), path + "." + key);
    }

    MapNode map(Node n, String path, String example) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw error(n.loc(), path + " must be a mapping of name: value pairs, e.g. " + example + ", got "
                + shown(n, path));
    }

    ListNode list(Node n, String path) {
        if (n instanceof ListNode l) {
            return l;
        }
        throw error(n.loc(), path + " must be a list, [a, b] or lines starting with '- ', got " + describe(n));
    }

    String text(Node n, String path) {
        if (n instanceof Scalar s && s.value() instanceof String t && !t.isBlank()) {
            return t;
        }
        if (isNull(n) || n instanceof Scalar s && s.value() instanceof String) {
            throw error(n.loc(), path + " is empty: give a value");
        }
        String quoteHint = n instanceof Scalar s && !holdsSecrets(path)
                ? " (put it in quotes: \"" + s.value() + "\")" : "";
        throw error(n.loc(), path + " must be text, got " + shown(n, path) + quoteHint);
    }

    List<String> texts(Node n, String path) {
        if (!(n instanceof ListNode l)) {
            throw error(n.loc(), path + " must be a list of names, e.g. [a, b], got " + describe(n));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            out.add(text(l.items().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    int integer(Node n, String path, String what) {
        if (n instanceof Scalar s && s.value() instanceof Integer i) {
            return i;
        }
        String extra = n instanceof Scalar s && (s.value() instanceof Long || s.value() instanceof BigInteger)
                ? " (too large)" : "";
        throw error(n.loc(), path + " must be " + what + ", got " + describe(n) + extra);
    }

    long size(Node n, String path) {
        if (n instanceof Scalar s && (s.value() instanceof String || s.value() instanceof Number)) {
            try {
                return ByteSize.parse(String.valueOf(s.value()));
            } catch (IllegalArgumentException e) {
                throw error(n.loc(), path + ": " + e.getMessage());
            }
        }
        throw error(n.loc(), path + " must be a size such as 100MB or 1GiB, got " + describe(n));
    }

    boolean bool(Node n, String path) {
        if (n instanceof Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw error(n.loc(), path + " must be true or false, got " + describe(n));
    }

    static boolean isNull(Node n) {
        return n instanceof Scalar s && s.value() == null;
    }

    /**
     * Field {@code key} of {@code m}, or null when it is absent or empty: for the fields read
     * through here (docs/recipes.md lists them), {@code key:} with nothing after it counts as left out.
     */
    static Field given(MapNode m, String key) {
        Field f = m.get(key);
        return f == null || isNull(f.value()) ? null : f;
    }

    static Object toJava(Node n) {
        if (n instanceof Scalar s) {
            return s.value();
        }
        if (n instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(toJava(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((MapNode) n).fields().forEach((k, f) -> out.put(k, toJava(f.value())));
        return out;
    }

    static String describe(Node n) {
        if (n instanceof Scalar s) {
            return RecipeValidator.describe(s.value());
        }
        return n instanceof MapNode ? "a mapping" : "a list";
    }

    /** {@link #describe}, but only the kind of a scalar where a secret may be written by mistake. */
    static String shown(Node n, String path) {
        if (holdsSecrets(path) && n instanceof Scalar s && s.value() != null) {
            return s.value() instanceof String ? "text" : s.value() instanceof Boolean ? "true or false" : "a number";
        }
        return describe(n);
    }

    /** Credentials name environment variables, but a secret may be pasted there, or into a header. */
    static boolean holdsSecrets(String path) {
        return path.startsWith("source.credentials") || path.startsWith("source.headers");
    }

    // ---- messages ----

    Loc locate(String path) {
        String p = path;
        while (true) {
            Loc l = locations.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return Loc.START;
            }
            p = p.substring(0, cut);
        }
    }

    String prefix(Loc l) {
        return source + " line " + l.line() + ", column " + l.column() + ": ";
    }

    RecipeException error(Loc l, String message) {
        return new RecipeException(prefix(l) + message);
    }

    RecipeException syntaxError(JsonProcessingException e) {
        // SnakeYAML's message is "context / mark / problem / mark" with quoted source lines; its
        // problem mark is more precise than the location Jackson reports.
        JsonLocation jl = e.getLocation();
        Loc l = jl == null ? Loc.START : loc(jl);
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> texts = new ArrayList<>();
        List<Loc> marks = new ArrayList<>();
        for (String line : original.split("\n")) {
            Matcher m = SNAKE_MARK.matcher(line);
            if (m.find()) {
                marks.add(new Loc(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } else if (!line.isBlank() && !line.startsWith(" ")) {
                texts.add(line.trim());
            }
        }
        if (!marks.isEmpty()) {
            l = marks.get(marks.size() - 1);
        }
        String msg = texts.isEmpty() ? "invalid YAML" : texts.get(texts.size() - 1);
        if (texts.size() > 1) {
            msg += " (" + texts.get(0) + (marks.size() > 1 ? " that starts on line " + marks.get(0).line() : "") + ")";
        }
        return new RecipeException(prefix(l) + "this is not valid YAML: " + msg, e);
    }

    static Loc loc(JsonLocation l) {
        return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String where(String path) {
        return path.isEmpty() ? "recipe" : path;
    }
}
