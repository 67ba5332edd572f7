package org.arcoforge.recipe;

import static org.arcoforge.recipe.RecipeYaml.CONCAT_DIM_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.DATES_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.FILE_PATTERN_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.KEYS_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.MERGE_DIM_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.RANGE_FIELDS;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RecipeYaml: file_pattern, its concat_dim and merge_dim, and their keys (list, dates, range). */
abstract class FilePatternYaml extends YamlTree {
    FilePatternYaml(String source, Path baseDir) {
        super(source, baseDir);
    }

    FilePattern filePattern(Field fp) {
        String path = "file_pattern";
        if (isNull(fp.value())) {
            throw error(fp.keyLoc(), "file_pattern is empty: give a template (or files) and a concat_dim");
        }
        MapNode m = map(fp.value(), path, "{template: \"data/{time:yyyyMMdd}.nc\", concat_dim: {...}}");
        checkFields(m, path, FILE_PATTERN_FIELDS);
        Field template = m.get("template");
        Field files = m.get("files");
        Field concat = m.get("concat_dim");
        Field merge = m.get("merge_dim");
        if (template != null && files != null) {
            throw error(files.keyLoc(), "file_pattern has both template and files: give one of them");
        }
        if (files != null) {
            if (concat == null) {
                throw error(files.keyLoc(), "file_pattern.files needs a concat_dim naming the dimension the files"
                        + " are concatenated along (concat_dim: {name: time})");
            }
            if (merge != null) {
                throw error(merge.keyLoc(), "file_pattern.merge_dim cannot be used with files:"
                        + " use a template with a {" + "name} placeholder for it");
            }
            List<String> list = texts(files.value(), "file_pattern.files");
            ConcatDim c = concatDim(concat, false);
            return FilePattern.files(c.name(), list, c.itemsPerFile());
        }
        if (template == null) {
            throw error(fp.keyLoc(), "file_pattern needs a template (e.g. \"data/{time:yyyyMMdd}.nc\")"
                    + " or a list of files");
        }
        String t = text(template.value(), "file_pattern.template");
        List<CombineDim> dims = new ArrayList<>();
        if (concat != null) {
            dims.add(concatDim(concat, true));
        }
        if (merge != null) {
            dims.add(mergeDim(merge));
        }
        return FilePattern.template(t, dims.toArray(CombineDim[]::new));
    }

    ConcatDim concatDim(Field f, boolean keysWanted) {
        String path = "file_pattern.concat_dim";
        MapNode m = map(f.value(), path, "{name: time, keys: ...}");
        checkFields(m, path, CONCAT_DIM_FIELDS);
        String name = requiredText(m, f, path, "name", "the dimension the inputs are concatenated along, e.g. name: time");
        Field keys = m.get("keys");
        List<Object> keyList;
        if (keysWanted) {
            if (keys == null) {
                throw error(f.keyLoc(), path + " needs keys: a list [a, b], {dates: {start, end, step}}"
                        + " or {range: {start, stop}}");
            }
            keyList = keys(keys, path + ".keys");
        } else {
            if (keys != null) {
                throw error(keys.keyLoc(), path + ".keys is not allowed with file_pattern.files:"
                        + " the files, in order, are the keys");
            }
            keyList = List.of();
        }
        Field ipf = m.get("items_per_file");
        Integer itemsPerFile = ipf == null ? null : integer(ipf.value(), path + ".items_per_file", "a positive integer");
        return new ConcatDim(name, keyList, itemsPerFile);
    }

    MergeDim mergeDim(Field f) {
        String path = "file_pattern.merge_dim";
        MapNode m = map(f.value(), path, "{name: variable, keys: [sst, ice]}");
        checkFields(m, path, MERGE_DIM_FIELDS);
        String name = requiredText(m, f, path, "name", "the name of its template placeholder, e.g. name: variable");
        Field keys = m.get("keys");
        if (keys == null) {
            throw error(f.keyLoc(), path + " needs keys: the values of {" + name + "}, e.g. keys: [sst, ice]");
        }
        return new MergeDim(name, keys(keys, path + ".keys"));
    }

    List<Object> keys(Field f, String path) {
        Node n = f.value();
        if (isNull(n) || n instanceof ListNode l && l.items().isEmpty() || n instanceof MapNode m && m.fields().isEmpty()) {
            throw error(f.keyLoc(), path + " is empty: give at least one key");
        }
        if (n instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                Node item = l.items().get(i);
                if (!(item instanceof Scalar s) || s.value() == null) {
                    throw error(item.loc(), path + "[" + i + "] must be a single value (text or number), got "
                            + describe(item));
                }
                out.add(s.value());
            }
            return out;
        }
        if (!(n instanceof MapNode m)) {
            throw error(n.loc(), path + " must be a list [a, b], {dates: {start, end, step}} or"
                    + " {range: {start, stop}}, got " + describe(n));
        }
        checkFields(m, path, KEYS_FIELDS);
        if (m.fields().size() > 1) {
            throw error(m.get("range").keyLoc(), path + " has both dates and range: give one of them");
        }
        Field dates = m.get("dates");
        return dates != null ? dates(dates, path + ".dates") : range(m.get("range"), path + ".range");
    }

    List<Object> dates(Field f, String path) {
        MapNode m = map(f.value(), path, "{start: 1981-09-01, end: 1981-09-30, step: P1D}");
        checkFields(m, path, DATES_FIELDS);
        for (String required : DATES_FIELDS) {
            if (m.get(required) == null) {
                throw error(f.keyLoc(), path + " needs start, end and step (missing " + required
                        + "), e.g. {start: 1981-09-01, end: 1981-09-30, step: P1D}");
            }
        }
        Object start = dateValue(m.get("start").value(), path + ".start");
        Object end = dateValue(m.get("end").value(), path + ".end");
        Node stepNode = m.get("step").value();
        if (start.getClass() != end.getClass()) {
            throw error(m.get("end").value().loc(), path + ".end must be a " + kind(start) + " like start ("
                    + start + "), got " + end);
        }
        TemporalAmount step = step(stepNode, path + ".step", start instanceof LocalDateTime);
        boolean endBeforeStart = start instanceof LocalDate s ? ((LocalDate) end).isBefore(s)
                : ((LocalDateTime) end).isBefore((LocalDateTime) start);
        if (endBeforeStart) {
            throw error(m.get("end").value().loc(), path + ".end " + end + " is before start " + start);
        }
        try {
            return start instanceof LocalDate s ? Keys.dates(s, (LocalDate) end, (Period) step)
                    : Keys.dateTimes((LocalDateTime) start, (LocalDateTime) end, step);
        } catch (RecipeException e) {
            throw error(f.keyLoc(), path + ": " + e.getMessage().replaceFirst("^dates: ", ""));
        }
    }

    static String kind(Object temporal) {
        return temporal instanceof LocalDate ? "date" : "date-time";
    }

    Object dateValue(Node n, String path) {
        String hint = " must be a date like 1981-09-01 or a date-time like 1981-09-01T06:00, got ";
        if (!(n instanceof Scalar s) || !(s.value() instanceof String text)) {
            throw error(n.loc(), path + hint + describe(n));
        }
        String t = text.trim();
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t);
            }
            // Times are naive (no time zone); a trailing Z for UTC is accepted and dropped.
            return LocalDateTime.parse(t.replace(' ', 'T').replaceFirst("Z$", ""));
        } catch (DateTimeParseException e) {
            throw error(n.loc(), path + hint + describe(n));
        }
    }

    TemporalAmount step(Node n, String path, boolean dateTimes) {
        String hint = " must be an ISO-8601 period like P1D, P7D, P1M or P1Y"
                + (dateTimes ? " (or a duration like PT6H)" : "") + ", got ";
        if (!(n instanceof Scalar s) || !(s.value() instanceof String text)) {
            throw error(n.loc(), path + hint + describe(n));
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (t.contains("T")) {
                if (!dateTimes) {
                    throw error(n.loc(), path + " " + text + " is a duration (hours, minutes): it needs start"
                            + " and end with a time, e.g. start: 1981-09-01T00:00");
                }
                return Duration.parse(t);
            }
            return Period.parse(t);
        } catch (DateTimeParseException e) {
            throw error(n.loc(), path + hint + describe(n));
        }
    }

    List<Object> range(Field f, String path) {
        MapNode m = map(f.value(), path, "{start: 1, stop: 13}");
        checkFields(m, path, RANGE_FIELDS);
        if (m.get("stop") == null) {
            throw error(f.keyLoc(), path + " needs stop (exclusive), e.g. {start: 1, stop: 13}");
        }
        int start = m.get("start") == null ? 0 : integer(m.get("start").value(), path + ".start", "an integer");
        int stop = integer(m.get("stop").value(), path + ".stop", "an integer");
        int step = m.get("step") == null ? 1 : integer(m.get("step").value(), path + ".step", "an integer");
        try {
            return Keys.range(start, stop, step);
        } catch (RecipeException e) {
            throw error(f.keyLoc(), path + ": " + e.getMessage().replaceFirst("^range: ", ""));
        }
    }
}
