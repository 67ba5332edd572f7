package org.arcoforge.stage;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import org.arcoforge.format.StoredArray;
import org.arcoforge.format.StoredSchema;
import org.arcoforge.format.TargetFormat;
import org.arcoforge.plan.AppendCheck;
import org.arcoforge.plan.AppendLayout;
import org.arcoforge.plan.CfTime;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.source.ByteSources;
import org.arcoforge.store.HadoopStore;

/**
 * An existing store to append to (driver): its state as readers see it (complete metadata and the
 * record of the inputs it holds), which of the recipe's inputs it lacks, and the layout new
 * inputs are planned into. {@link #finish} extends the arrays' metadata and marks the store
 * complete again, last.
 */
public final class AppendTarget {
    public static final String ATTR_HISTORY = "arcoforge_history";

    private final JobSpec job;
    private final StoredSchema schema;
    private final InputRecord record;
    private final StoredArray coordinate;
    private final AppendLayout layout;
    private final double[] values;

    private AppendTarget(JobSpec job, StoredSchema schema, InputRecord record, StoredArray coordinate,
                         AppendLayout layout, double[] values) {
        this.job = job;
        this.schema = schema;
        this.record = record;
        this.coordinate = coordinate;
        this.layout = layout;
        this.values = values;
    }

    /** Reads the store; an error, naming the store, when it cannot be appended to by this recipe. */
    public static AppendTarget open(JobSpec job) {
        String where = ByteSources.safeLocation(job.target());
        String dim = job.concatDim();
        if (dim == null || job.recipe().allGroups()) {
            throw new StageException("append needs a recipe with a concat dimension (and without groups: all)");
        }
        TargetFormat format = TargetStore.format(job);
        if (!format.supportsAppend()) {
            throw new StageException("cannot append to " + where + ": appending to a " + format.name() + " store is not"
                    + " supported yet; rebuild it with all the inputs with 'arcoforge run RECIPE --target " + where
                    + " --overwrite'");
        }
        TargetStore target = TargetStore.open(job);
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        StoredSchema schema = format.readSchema(store);
        if (schema == null) {
            throw new StageException(target.exists() && target.isFormatStore()
                    ? "the store at " + where + " is incomplete (no .zmetadata): finish it with 'arcoforge run' first"
                    : "there is no store at " + where + " to append to: make it with 'arcoforge run' first");
        }
        InputRecord record = InputRecord.read(job);
        if (record == null) {
            throw new StageException("the store at " + where + " does not record the inputs it holds (" + InputRecord.KEY
                    + "; stores made before append existed): rebuild it once with 'arcoforge run --overwrite'");
        }
        if (!RecipeLineage.of(job.recipe()).equals(record.lineage())) {
            throw new StageException("the store at " + where + " was made by a recipe that differs from this one in more"
                    + " than its keys; append needs the store's recipe with later keys");
        }
        StoredArray coord = schema.arrays().get(dim);
        if (coord == null || !coord.isDimensionCoordinate()) {
            throw new StageException("the store at " + where + " has no coordinate '" + dim + "' to extend");
        }
        long length = coord.shape()[0];
        Object raw = readCoordinate(job, store, coord, record);
        double[] values = new double[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Array.getDouble(raw, i);
        }
        Object units = coord.attributes().get("units");
        String timeUnits = CfTime.isTimeUnits(units) ? (String) units : null;
        AppendLayout layout = new AppendLayout(length, timeUnits, coord.attributes().get("calendar"),
                encoding(schema), chunks(schema), raw);
        return new AppendTarget(job, schema, record, coord, layout, values);
    }

    // The whole coordinate; its one chunk may already hold an unfinished append's longer values.
    private static Object readCoordinate(JobSpec job, HadoopStore store, StoredArray coord, InputRecord record) {
        TargetFormat format = TargetStore.format(job);
        long length = coord.shape()[0];
        if (coord.chunks()[0] < length) {
            throw new StageException("the coordinate '" + coord.name() + "' of " + ByteSources.safeLocation(job.target()) + " is stored in "
                    + "several chunks; append extends stores whose concat coordinate is one chunk, as ARCO Forge writes it");
        }
        long longest = record.inputs().stream().mapToLong(InputRecord.Entry::end).max().orElse(length);
        for (long n : new long[] {coord.chunks()[0], longest}) {
            try {
                Object chunk = format.readChunk(store, coord, new long[] {0}, Math.toIntExact(n));
                if (chunk != null) {
                    Object out = Array.newInstance(chunk.getClass().getComponentType(), (int) length);
                    System.arraycopy(chunk, 0, out, 0, (int) length);
                    return out;
                }
            } catch (RuntimeException e) {
                // the other length, below
            }
        }
        throw new StageException("cannot read the coordinate '" + coord.name() + "' of " + ByteSources.safeLocation(job.target()));
    }

    private static Map<String, VariableEncoding> encoding(StoredSchema s) {
        Map<String, VariableEncoding> out = new HashMap<>();
        for (StoredArray a : s.arrays().values()) {
            Object scale = a.attributes().get("scale_factor");
            Object offset = a.attributes().get("add_offset");
            if (scale instanceof Number || offset instanceof Number) {
                out.put(a.name(), new VariableEncoding(a.dtype().name().toLowerCase(java.util.Locale.ROOT),
                        scale instanceof Number n ? n.doubleValue() : null,
                        offset instanceof Number n ? n.doubleValue() : null,
                        a.fillValue() == null ? null : a.fillValue().doubleValue()));
            }
        }
        return out;
    }

    private static Map<String, Integer> chunks(StoredSchema s) {
        Map<String, Integer> out = new HashMap<>();
        for (StoredArray a : s.arrays().values()) {
            if (!a.isDimensionCoordinate()) {
                for (int d = 0; d < a.dims().size(); d++) {
                    out.putIfAbsent(a.dims().get(d), a.chunks()[d]);
                }
            }
        }
        return out;
    }

    public AppendLayout layout() {
        return layout;
    }

    /** The store's length along the concat dimension. */
    public long length() {
        return layout.start();
    }

    /** The inputs the store holds (those of an unfinished append left out). */
    public List<InputRecord.Entry> held() {
        return record.within(length());
    }

    public List<AppendCheck.Held> heldRanges() {
        return held().stream().map(e -> new AppendCheck.Held(e.url(), e.start(), e.end())).toList();
    }

    public double[] storedValues() {
        return values.clone();
    }

    /** How a concat value is written in messages: a date for CF time. */
    public DoubleFunction<String> valueFormat() {
        return AppendCheck.timeFormat(layout.timeUnits(), layout.timeCalendar());
    }

    /** "store is up to date (N inputs, last time 2024-05-31)". */
    public String upToDate() {
        return "store is up to date (" + held().size() + " inputs, last " + coordinate.name() + " "
                + (values.length == 0 ? "none" : valueFormat().apply(values[values.length - 1])) + ")";
    }

    /**
     * The recipe's inputs the store does not hold, numbered from 0 (index and concat position) for
     * planning; an error naming one when new inputs come before inputs the store holds.
     */
    public List<InputFile> newInputs(List<InputFile> all) {
        Set<String> have = new HashSet<>();
        held().forEach(e -> have.add(e.url()));
        int lastHeld = -1;
        String lastHeldUrl = null;
        List<InputFile> fresh = new ArrayList<>();
        for (InputFile f : all) {
            if (have.contains(InputRecord.location(f))) {
                if (f.concatIndex() > lastHeld) {
                    lastHeld = f.concatIndex();
                    lastHeldUrl = InputRecord.location(f);
                }
            } else {
                fresh.add(f);
            }
        }
        int first = fresh.stream().mapToInt(InputFile::concatIndex).min().orElse(0);
        if (!fresh.isEmpty() && first <= lastHeld) {
            InputFile f = fresh.stream().filter(x -> x.concatIndex() == first).findFirst().orElseThrow();
            throw new StageException("'" + InputRecord.location(f) + "' is not in the store but comes before '" + lastHeldUrl
                    + "', which is: append only adds inputs after the store's last (prepending or inserting is not supported)");
        }
        List<InputFile> out = new ArrayList<>();
        for (InputFile f : fresh) {
            out.add(new InputFile(out.size(), f.concatIndex() - first, f.mergeIndex(), f.keys(), f.url()));
        }
        return out;
    }

    /**
     * Checks the plan of the new inputs against the store ({@link StoreCompatibility}); returns
     * warnings for attributes that differ (the store's are kept).
     */
    public List<String> check(StorePlan plan, String firstNew) {
        return new StoreCompatibility(job, schema).check(plan, firstNew);
    }

    /** See {@link StoreCompatibility#checkDtypes}. */
    public void checkDtypes(List<org.arcoforge.plan.InputMetadata> inputs) {
        new StoreCompatibility(job, schema).checkDtypes(inputs);
    }

    /** The store's other dimension coordinates (lat, lon...), to compare with the new inputs'. */
    public Map<String, double[]> otherCoordinates() {
        return new StoreCompatibility(job, schema).otherCoordinates();
    }

    /**
     * The last step (driver), once every new chunk is in: the arrays' metadata with their new
     * shapes, the record of the inputs, the concat coordinate, the root attributes with a history
     * line, and last the consolidated metadata that readers open.
     */
    public void finish(StorePlan plan, List<InputFile> added, long[] sizes, String history) {
        TargetLease.requireHeld(job.target());
        TargetStore target = TargetStore.open(job);
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        TargetFormat format = TargetStore.format(job);
        for (TargetVariable v : plan.schema().variables()) {
            format.writeShape(store, schema.arrays().get(v.name()), v.shape(), v.chunks());
        }
        record.plus(InputRecord.of(job, added, plan.schema().concatOffsets(), sizes, 0), length()).write(job);
        Map<String, Object> attrs = new LinkedHashMap<>(schema.attributes());
        attrs.put(PrepareTarget.ATTR_VERSION, Version.get());
        attrs.put(PrepareTarget.ATTR_RECIPE_HASH, job.recipe().fingerprint());
        attrs.put(PrepareTarget.ATTR_INPUTS, held().size() + added.size());
        Object before = attrs.remove(ATTR_HISTORY);
        attrs.put(ATTR_HISTORY, before == null ? history : before + "\n" + history);
        target.writeGroup(attrs);
        target.deleteTemporaryAtRoot();
        TargetLease.requireHeld(job.target());
        AppendPause.at("metadata");
        // The concat coordinate is one chunk whose size is the array's length (as a one-shot run
        // writes it), so its rewrite cannot be read with the old metadata: it goes right before
        // the consolidated metadata, one object write away from it.
        for (Map.Entry<String, Object> e : plan.schema().precomputedValues().entrySet()) {
            TargetVariable v = plan.schema().variable(e.getKey());
            target.writeChunk(v, new long[v.shape().length], e.getValue());
        }
        AppendPause.at("coordinate");
        target.markComplete();
        ProgressLog.clear(job);
    }

    /** The history line of an append of {@code added} inputs from {@code first} to {@code last}. */
    public String historyLine(int added, double first, double last) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS) + " arcoforge " + Version.get() + " append, recipe "
                + job.recipe().fingerprint().substring(0, 12) + ": " + added + " input(s), " + coordinate.name() + " "
                + valueFormat().apply(first) + " to " + valueFormat().apply(last);
    }
}
