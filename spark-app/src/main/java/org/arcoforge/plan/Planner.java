package org.arcoforge.plan;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.arcoforge.recipe.ByteSize;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.FragmentVariable;

/**
 * Plans how a recipe's inputs become one Zarr store: the target schema (what
 * {@code xarray.open_mfdataset} would give) and, for every output chunk, which box of which input
 * fills which part of it. Pure: no I/O. Linear in the number of inputs and chunks.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * @param inputs  metadata of every input, in pattern order (concat-major, then merge)
     * @param options what the recipe asks for
     * @throws PlanException when the inputs cannot be combined; the message names the file
     */
    public static StorePlan plan(List<InputMetadata> inputs, PlanOptions options) {
        return new Run(inputs, options).plan();
    }

    /** A target variable while it is being planned. */
    private static final class Var {
        final String name;
        final FragmentVariable first;
        final int mergeIndex;
        final int concatAxis;
        /** Per concat position; null while every input is identity. */
        ValueTransform[] transforms;
        DType dtype;
        long[] shape;
        int[] chunks;
        Object precomputed;
        /** The target's attributes and fill value when the recipe's encoding sets them; else the first input's. */
        Map<String, Object> attrs;
        Number fill;

        Var(FragmentVariable first, int mergeIndex, String concatDim) {
            this.name = first.name();
            this.first = first;
            this.mergeIndex = mergeIndex;
            this.concatAxis = concatDim == null ? -1 : first.dims().indexOf(concatDim);
            this.dtype = first.dtype();
        }

        boolean alongConcat() {
            return concatAxis >= 0;
        }

        boolean isDimensionCoordinate() {
            return first.dims().size() == 1 && first.dims().get(0).equals(name);
        }

        ValueTransform transform(int position) {
            return transforms == null ? ValueTransform.IDENTITY : transforms[position];
        }
    }

    private static final class Run {
        private final List<InputMetadata> inputs;
        private final PlanOptions options;
        private final String concatDim;
        private final Map<String, Integer> targetChunks;
        private InputMetadata[][] grid;
        private int nConcat;
        private int nMerge;
        private long[] lengths;
        private long[] offsets;
        private final Map<String, Long> dimLengths = new LinkedHashMap<>();
        private final Map<String, String> dimSource = new HashMap<>();
        private final Map<String, Var> vars = new LinkedHashMap<>();
        private final Map<String, Integer> dimChunks = new HashMap<>();
        /** Chunk lengths chosen from the recipe's target chunk size, for dimensions it does not name. */
        private final Map<String, Integer> sized = new HashMap<>();
        private final long budget;
        private final List<String> packingWarnings = new ArrayList<>();

        Run(List<InputMetadata> inputs, PlanOptions options) {
            this.inputs = Objects.requireNonNull(inputs, "inputs");
            this.options = Objects.requireNonNull(options, "options");
            this.concatDim = options.concatDim();
            this.targetChunks = options.targetChunks() == null ? Map.of() : options.targetChunks();
            this.budget = options.budget();
        }

        StorePlan plan() {
            if (inputs.isEmpty()) {
                throw new PlanException("There are no inputs to plan: the recipe's file pattern is empty.");
            }
            buildGrid();
            concatLengths();
            checkDimensions();
            collectVariables();
            timeTransforms();
            packing();
            CoordinateCheck.check(inputs, concatDim, options.coordinateTolerance());
            sizeChunks();
            for (Var v : vars.values()) {
                shapeAndChunks(v);
            }
            precomputeConcatCoordinate();
            TargetSchema schema = schema();
            return build(schema);
        }

        // ---- the pattern grid and the concat dimension -------------------------------------------

        private void buildGrid() {
            int maxC = 0;
            int maxM = 0;
            Map<Long, InputMetadata> seen = new HashMap<>();
            for (InputMetadata im : inputs) {
                int c = im.input().concatIndex();
                int m = im.input().mergeIndex();
                if (c < 0 || m < 0) {
                    throw new PlanException(url(im) + " has a negative pattern position (concat " + c + ", merge " + m + ").");
                }
                maxC = Math.max(maxC, c);
                maxM = Math.max(maxM, m);
                InputMetadata before = seen.put(((long) c << 32) | m, im);
                if (before != null) {
                    throw new PlanException(url(im) + " and " + url(before) + " are both at concat position " + c
                            + ", merge position " + m + " of the file pattern.");
                }
            }
            if ((long) (maxC + 1) * (maxM + 1) != inputs.size()) {
                throw new PlanException("The file pattern is not a full grid: " + inputs.size() + " inputs for "
                        + (maxC + 1) + " concat x " + (maxM + 1) + " merge positions; " + firstGap(seen, maxM + 1) + ".");
            }
            nConcat = maxC + 1;
            nMerge = maxM + 1;
            if (concatDim == null && nConcat > 1) {
                throw new PlanException(url(inputs.get(inputs.size() - 1)) + " is at concat position " + (nConcat - 1)
                        + " but the recipe names no concat dimension.");
            }
            grid = new InputMetadata[nConcat][nMerge];
            for (InputMetadata im : inputs) {
                grid[im.input().concatIndex()][im.input().mergeIndex()] = im;
            }
        }

        private static String firstGap(Map<Long, InputMetadata> seen, int nMerge) {
            long[] keys = seen.keySet().stream().mapToLong(k -> (k >>> 32) * nMerge + (k & 0xffffffffL)).sorted().toArray();
            long expected = 0;
            for (long k : keys) {
                if (k != expected) {
                    break;
                }
                expected++;
            }
            return "there is no input at concat position " + expected / nMerge + ", merge position " + expected % nMerge;
        }

        private void concatLengths() {
            lengths = new long[nConcat];
            offsets = new long[nConcat + 1];
            if (concatDim == null) {
                return;
            }
            Integer items = options.itemsPerFile();
            for (int c = 0; c < nConcat; c++) {
                Long len = null;
                InputMetadata from = null;
                for (int m = 0; m < nMerge; m++) {
                    InputMetadata im = grid[c][m];
                    Long l = lengthAlong(im, concatDim);
                    if (l == null) {
                        continue;
                    }
                    if (items != null && l != items.longValue()) {
                        throw new PlanException(url(im) + " has " + l + " steps along '" + concatDim
                                + "' but the recipe declares " + items + " items per file.");
                    }
                    if (len == null) {
                        len = l;
                        from = im;
                    } else if (!len.equals(l)) {
                        throw new PlanException(url(im) + " has " + l + " steps along '" + concatDim + "' but "
                                + url(from) + ", at the same concat position, has " + len
                                + "; merged inputs must have the same length.");
                    }
                }
                if (len == null) {
                    throw new PlanException(url(grid[c][0]) + " has no dimension '" + concatDim
                            + "', the recipe's concat dimension.");
                }
                lengths[c] = len;
                offsets[c + 1] = offsets[c] + len;
            }
        }

        private static Long lengthAlong(InputMetadata im, String dim) {
            if (im.dims() != null && im.dims().get(dim) != null) {
                return im.dims().get(dim);
            }
            for (FragmentVariable v : im.fragment().variables().values()) {
                int a = v.dims().indexOf(dim);
                if (a >= 0) {
                    return v.shape()[a];
                }
            }
            return null;
        }

        // ---- consistency --------------------------------------------------------------------------

        private void checkDimensions() {
            for (int c = 0; c < nConcat; c++) {
                for (int m = 0; m < nMerge; m++) {
                    InputMetadata im = grid[c][m];
                    for (FragmentVariable v : im.fragment().variables().values()) {
                        long[] shape = v.shape();
                        for (int a = 0; a < shape.length; a++) {
                            String d = v.dims().get(a);
                            Long declared = im.dims() == null ? null : im.dims().get(d);
                            if (declared != null && declared != shape[a]) {
                                throw new PlanException(url(im) + ": variable '" + v.name() + "' has length " + shape[a]
                                        + " along '" + d + "' but the file's dimension '" + d + "' has length " + declared + ".");
                            }
                            if (d.equals(concatDim)) {
                                if (shape[a] != lengths[c]) {
                                    throw new PlanException(url(im) + ": variable '" + v.name() + "' has " + shape[a]
                                            + " steps along '" + d + "' but the file has " + lengths[c] + ".");
                                }
                                continue;
                            }
                            Long ref = dimLengths.putIfAbsent(d, shape[a]);
                            if (ref == null) {
                                dimSource.put(d, url(im));
                            } else if (ref != shape[a]) {
                                throw new PlanException(url(im) + ": dimension '" + d + "' (of variable '" + v.name()
                                        + "') has length " + shape[a] + " but it has length " + ref + " in "
                                        + dimSource.get(d) + "; "
                                        + (concatDim == null ? "the recipe has no concat dimension, so no dimension may differ"
                                        : "only the concat dimension '" + concatDim + "' may differ between inputs") + ".");
                            }
                        }
                    }
                }
            }
        }

        private void collectVariables() {
            for (int m = 0; m < nMerge; m++) {
                InputMetadata im = grid[0][m];
                for (FragmentVariable v : im.fragment().variables().values()) {
                    Var known = vars.get(v.name());
                    if (known == null) {
                        vars.put(v.name(), new Var(v, m, concatDim));
                    } else if (!known.first.dims().equals(v.dims())) {
                        throw new PlanException(url(im) + ": variable '" + v.name() + "' has dims " + v.dims()
                                + " but " + url(grid[0][known.mergeIndex]) + " (merge position " + known.mergeIndex
                                + ") has it with dims " + known.first.dims()
                                + "; a variable in several merge inputs must have the same dims.");
                    } else {
                        checkSame(im, v, known);
                    }
                }
            }
            List<Set<String>> names = new ArrayList<>(nMerge);
            for (int m = 0; m < nMerge; m++) {
                names.add(grid[0][m].fragment().variables().keySet());
            }
            for (int c = 1; c < nConcat; c++) {
                for (int m = 0; m < nMerge; m++) {
                    InputMetadata im = grid[c][m];
                    Map<String, FragmentVariable> have = im.fragment().variables();
                    if (!have.keySet().equals(names.get(m))) {
                        throw new PlanException(differentVariables(im, grid[0][m], names.get(m), have.keySet()));
                    }
                    for (FragmentVariable v : have.values()) {
                        checkSame(im, v, vars.get(v.name()));
                    }
                }
            }
        }

        private void checkSame(InputMetadata im, FragmentVariable v, Var known) {
            String firstUrl = url(grid[0][known.mergeIndex]);
            if (!known.first.dims().equals(v.dims())) {
                throw new PlanException(url(im) + ": variable '" + v.name() + "' has dims " + v.dims()
                        + " but the first input that has it, " + firstUrl + ", has " + known.first.dims() + ".");
            }
            if (known.first.dtype() != v.dtype()) {
                throw new PlanException(url(im) + ": variable '" + v.name() + "' is stored as " + v.dtype()
                        + " but the first input that has it, " + firstUrl + ", stores it as " + known.first.dtype() + ".");
            }
        }

        private static String differentVariables(InputMetadata im, InputMetadata ref, Set<String> want, Set<String> have) {
            Set<String> missing = new LinkedHashSet<>(want);
            missing.removeAll(have);
            Set<String> extra = new LinkedHashSet<>(have);
            extra.removeAll(want);
            StringBuilder sb = new StringBuilder(url(im)).append(" (merge position ")
                    .append(im.input().mergeIndex()).append(")");
            if (!missing.isEmpty()) {
                sb.append(" lacks variable(s) ").append(missing);
            }
            if (!extra.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : " and").append(" has extra variable(s) ").append(extra);
            }
            return sb.append(" compared with ").append(url(ref))
                    .append("; every input at one merge position must hold the same variables.").toString();
        }

        // ---- time re-encoding ---------------------------------------------------------------------

        private void timeTransforms() {
            if (concatDim == null) {
                return;
            }
            Map<String, Var> boundsOf = new LinkedHashMap<>();
            List<Var> timeVars = new ArrayList<>();
            for (Var v : vars.values()) {
                if (v.alongConcat() && CfTime.isTimeUnits(v.first.attributes().get("units"))) {
                    timeVars.add(v);
                }
            }
            for (Var t : timeVars) {
                t.transforms = transformsOf(t);
            }
            for (Var t : timeVars) {
                Object b = t.first.attributes().get("bounds");
                Var bounds = b instanceof String s ? vars.get(s) : null;
                // Bounds carrying time units of their own were handled above.
                if (bounds != null && bounds.alongConcat() && !timeVars.contains(bounds)) {
                    bounds.transforms = t.transforms;
                }
            }
            for (Var v : vars.values()) {
                if (v.transforms != null && v.dtype.isInteger() && !allIntegral(v.transforms)) {
                    v.dtype = DType.FLOAT64;
                }
            }
        }

        private ValueTransform[] transformsOf(Var t) {
            Map<String, Object> firstAttrs = t.first.attributes();
            String units0 = (String) firstAttrs.get("units");
            Object cal0 = firstAttrs.get("calendar");
            ValueTransform[] out = new ValueTransform[nConcat];
            Map<List<Object>, ValueTransform> cache = new HashMap<>();
            boolean any = false;
            for (int c = 0; c < nConcat; c++) {
                InputMetadata im = grid[c][t.mergeIndex];
                Map<String, Object> attrs = im.fragment().variable(t.name).attributes();
                Object units = attrs.get("units");
                Object cal = attrs.get("calendar");
                if (!(units instanceof String u)) {
                    throw new PlanException(url(im) + ": variable '" + t.name + "' has no units but " + url(grid[0][t.mergeIndex])
                            + " has units '" + units0 + "', so its values cannot be re-encoded.");
                }
                try {
                    out[c] = cache.computeIfAbsent(Arrays.asList(u, cal), k -> CfTime.transform(u, cal, units0, cal0));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new PlanException(url(im) + ": variable '" + t.name + "' has units '" + u + "' (calendar '"
                            + (cal == null ? "standard" : cal) + "') and cannot be re-encoded into the units '" + units0
                            + "' of " + url(grid[0][t.mergeIndex]) + ": " + e.getMessage());
                }
                any |= !out[c].isIdentity();
            }
            return any ? out : null;
        }

        private static boolean allIntegral(ValueTransform[] ts) {
            for (ValueTransform t : ts) {
                if (t.scale() != Math.rint(t.scale()) || t.offset() != Math.rint(t.offset())) {
                    return false;
                }
            }
            return true;
        }

        /** Per-file packing, see {@link PackingPlan}. */
        private void packing() {
            PackingPlan.checkNames(options.encoding().keySet(), vars.keySet());
            for (Var v : vars.values()) {
                int n = v.alongConcat() ? nConcat : 1;
                List<FragmentVariable> fvs = new ArrayList<>(n);
                List<String> urls = new ArrayList<>(n);
                for (int c = 0; c < n; c++) {
                    fvs.add(grid[c][v.mergeIndex].fragment().variable(v.name));
                    urls.add(url(grid[c][v.mergeIndex]));
                }
                VariableEncoding e = options.encoding().get(v.name);
                PackingPlan.Result r = PackingPlan.plan(v.name, fvs, urls, e);
                if (r.transforms() != null && v.transforms != null) {
                    throw new PlanException("variable '" + v.name + "' has both other time units and other packing"
                            + " in some inputs (" + r.warning() + "); re-encoding both at once is not supported.");
                }
                v.transforms = r.transforms() != null ? r.transforms() : v.transforms;
                if (r.warning() != null) {
                    packingWarnings.add(r.warning());
                }
                if (e != null) {
                    v.dtype = r.dtype();
                    v.attrs = r.attributes();
                    v.fill = r.fill();
                }
            }
        }

        // ---- shapes, chunks, the concat coordinate ------------------------------------------------

        private long length(String dim) {
            return dim.equals(concatDim) ? offsets[nConcat] : dimLengths.get(dim);
        }

        private int dimChunk(String dim) {
            return dimChunks.computeIfAbsent(dim, d -> {
                long len = length(d);
                Integer named = targetChunks.containsKey(d) ? targetChunks.get(d) : sized.get(d);
                long want;
                if (named != null) {
                    want = named;
                } else if (d.equals(concatDim)) {
                    if (options.inputsPerChunk() < 1) {
                        throw new PlanException("inputsPerChunk must be at least 1, but the recipe sets "
                                + options.inputsPerChunk() + " (and no target chunk for '" + d + "').");
                    }
                    want = options.inputsPerChunk() * lengths[0];
                } else {
                    want = len;
                }
                return (int) Math.max(1, Math.min(want, Math.min(len, Integer.MAX_VALUE)));
            });
        }

        private void shapeAndChunks(Var v) {
            List<String> dims = v.first.dims();
            v.shape = new long[dims.size()];
            v.chunks = new int[dims.size()];
            for (int a = 0; a < dims.size(); a++) {
                v.shape[a] = length(dims.get(a));
                v.chunks[a] = v.isDimensionCoordinate()
                        ? (int) Math.max(1, Math.min(v.shape[a], Integer.MAX_VALUE))
                        : dimChunk(dims.get(a));
            }
        }

        private void precomputeConcatCoordinate() {
            Var v = concatDim == null ? null : vars.get(concatDim);
            if (v == null || !v.isDimensionCoordinate() || v.dtype == DType.CHAR || v.dtype == DType.STRING || v.shape[0] > Integer.MAX_VALUE - 8
                    || v.transforms != null && Arrays.stream(v.transforms).anyMatch(t -> t.packing() != null)) {
                return;
            }
            for (int c = 0; c < nConcat; c++) {
                if (grid[c][v.mergeIndex].concatCoordinate() == null) {
                    return;
                }
            }
            int n = (int) v.shape[0];
            Number fill = fillValue(v.first);
            boolean integral = v.dtype.isInteger() && (v.transforms == null || allIntegral(v.transforms));
            long[] asLong = integral ? new long[n] : null;
            double[] asDouble = integral ? null : new double[n];
            boolean unsigned = v.first.dtype().isUnsigned();
            for (int c = 0; c < nConcat; c++) {
                InputMetadata im = grid[c][v.mergeIndex];
                Object raw = im.concatCoordinate();
                if (!raw.getClass().isArray() || Array.getLength(raw) != lengths[c]) {
                    throw new PlanException(url(im) + ": the values of coordinate '" + v.name + "' are not an array of "
                            + lengths[c] + " elements.");
                }
                ValueTransform t = v.transform(c);
                int base = (int) offsets[c];
                for (int i = 0; i < lengths[c]; i++) {
                    if (integral) {
                        long x = ArrayValues.asLong(raw, i, unsigned);
                        boolean isFill = fill != null && x == fill.longValue();
                        asLong[base + i] = isFill ? x : x * (long) t.scale() + (long) t.offset();
                    } else {
                        double x = ArrayValues.asDouble(raw, i, unsigned);
                        boolean isFill = fill != null && x == fill.doubleValue();
                        asDouble[base + i] = isFill ? x : t.apply(x);
                    }
                }
            }
            if (integral) {
                if (!fits(asLong, v.dtype)) {
                    // Re-encoded values outgrew the input's integer type.
                    v.dtype = DType.INT64;
                }
                v.precomputed = fromLongs(asLong, v.dtype);
            } else if (v.dtype == DType.FLOAT32 && exactInFloat(asDouble)) {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) asDouble[i];
                }
                v.precomputed = f;
            } else {
                v.dtype = DType.FLOAT64;
                v.precomputed = asDouble;
            }
        }

        private static boolean fits(long[] values, DType t) {
            long min;
            long max;
            switch (t) {
                case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
                case UINT8 -> { min = 0; max = 0xffL; }
                case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
                case UINT16 -> { min = 0; max = 0xffffL; }
                case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
                case UINT32 -> { min = 0; max = 0xffffffffL; }
                default -> { return true; }
            }
            for (long v : values) {
                if (v < min || v > max) {
                    return false;
                }
            }
            return true;
        }

        private static Object fromLongs(long[] values, DType t) {
            int n = values.length;
            Object out = t.newArray(n);
            for (int i = 0; i < n; i++) {
                switch (t.size()) {
                    case 1 -> ((byte[]) out)[i] = (byte) values[i];
                    case 2 -> ((short[]) out)[i] = (short) values[i];
                    case 4 -> ((int[]) out)[i] = (int) values[i];
                    default -> ((long[]) out)[i] = values[i];
                }
            }
            return out;
        }

        private static boolean exactInFloat(double[] values) {
            for (double v : values) {
                if ((double) (float) v != v && !Double.isNaN(v)) {
                    return false;
                }
            }
            return true;
        }

        private static Number fillValue(FragmentVariable v) {
            Object f = v.attributes().get("_FillValue");
            if (f instanceof List<?> l && l.size() == 1) {
                f = l.get(0);
            }
            return f instanceof Number n ? n : null;
        }

        // ---- schema -------------------------------------------------------------------------------

        private TargetSchema schema() {
            Map<String, Object> attrs = new LinkedHashMap<>(grid[0][0].fragment().attributes());
            if (options.setAttributes() != null) {
                // A null value removes the attribute.
                options.setAttributes().forEach((k, val) -> {
                    if (val == null) {
                        attrs.remove(k);
                    } else {
                        attrs.put(k, val);
                    }
                });
            }
            Map<String, Long> dims = new LinkedHashMap<>();
            List<TargetVariable> targets = new ArrayList<>(vars.size());
            Map<String, Object> precomputed = new LinkedHashMap<>();
            for (Var v : vars.values()) {
                for (int a = 0; a < v.shape.length; a++) {
                    dims.putIfAbsent(v.first.dims().get(a), v.shape[a]);
                }
                Map<String, Object> va = new LinkedHashMap<>(v.attrs != null ? v.attrs : v.first.attributes());
                if (v.dtype != DType.STRING) { // a string fill stays an attribute: .zarray fill_value is numeric here
                    va.remove("_FillValue");
                }
                targets.add(new TargetVariable(v.name, v.first.sourceName(), v.first.dims(), v.shape, v.chunks, v.dtype,
                        Collections.unmodifiableMap(va), v.attrs != null ? v.fill : fillValue(v.first), v.mergeIndex,
                        v.alongConcat()));
                if (v.precomputed != null) {
                    precomputed.put(v.name, v.precomputed);
                }
            }
            if (concatDim != null) {
                dims.putIfAbsent(concatDim, offsets[nConcat]);
            }
            return new TargetSchema(Collections.unmodifiableMap(dims), Collections.unmodifiableMap(attrs),
                    List.copyOf(targets), Collections.unmodifiableMap(precomputed), offsets.clone());
        }

        // ---- chunk sizing -------------------------------------------------------------------------

        /** Dynamic chunking: sizes the chunks of the largest variable; the other variables share its dimensions. */
        private void sizeChunks() {
            if (options.targetChunkSize() <= 0) {
                return;
            }
            Var largest = null;
            double most = -1;
            for (Var v : vars.values()) {
                if (v.isDimensionCoordinate() || v.first.dims().isEmpty()) {
                    continue;
                }
                double bytes = v.dtype.size();
                for (String d : v.first.dims()) {
                    bytes *= length(d);
                }
                if (bytes > most) {
                    most = bytes;
                    largest = v;
                }
            }
            if (largest == null) {
                return;
            }
            List<String> dims = largest.first.dims();
            long[] shape = new long[dims.size()];
            for (int a = 0; a < shape.length; a++) {
                shape[a] = Math.max(1, length(dims.get(a)));
            }
            sized.putAll(ChunkSizer.choose(dims, shape, largest.dtype.size(), options.targetChunkSize(),
                    options.chunkFavor(), targetChunks));
        }

        // ---- chunk writes and tasks ---------------------------------------------------------------

        /** Above this many pieces a variable's chunk writes are not listed one by one but shuffled. */
        private static final long MAX_LISTED_PIECES = 2_000_000;
        /** A reduce or map task aims at this much data, so task counts stay sane. */
        private static final long TASK_BYTES = 128L << 20;
        /** Per-chunk overhead (a store object each) caps how many chunks one reduce task writes. */
        private static final long MAX_CHUNKS_PER_TASK = 20_000;
        private static final long TINY_CHUNK = 1_000_000;
        private static final long HUGE_CHUNK = 500_000_000;

        private long chunkBytes(Var v) {
            long n = v.dtype.size();
            for (int c : v.chunks) {
                n = Math.multiplyExact(n, (long) c);
            }
            return n;
        }

        private long chunkCount(Var v) {
            return ChunkGrid.count(ChunkGrid.of(v.shape, v.chunks));
        }

        private long concatChunks(Var v) {
            return ChunkGrid.along(v.shape[v.concatAxis], v.chunks[v.concatAxis]);
        }

        /** Bytes of every chunk of {@code v} at one index along the concat axis. */
        private long rowBytes(Var v) {
            long chunks = chunkCount(v) / Math.max(1, concatChunks(v));
            return Math.multiplyExact(chunks, chunkBytes(v));
        }

        private String describeChunks(Var v) {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < v.chunks.length; a++) {
                sb.append(a == 0 ? "" : ", ").append(v.first.dims().get(a)).append('=').append(v.chunks[a]);
            }
            return sb.toString();
        }

        private StorePlan build(TargetSchema schema) {
            List<Var> direct = new ArrayList<>();
            List<Var> shuffled = new ArrayList<>();
            List<Var> alone = new ArrayList<>();
            List<VariablePlan> modes = new ArrayList<>();
            List<String> warnings = new ArrayList<>(packingWarnings);
            long nConcatChunks = 0;
            for (Var v : vars.values()) {
                if (v.precomputed != null) {
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.METADATA, 1, 0, "values known from metadata"));
                    continue;
                }
                long cb = chunkBytes(v);
                if (cb * 3 > budget) {
                    throw new PlanException("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                            + ByteSize.format(cb) + ", more than a third of max_task_memory ("
                            + ByteSize.format(budget) + "), so no task could hold one with its"
                            + " inputs: choose smaller target_chunks (or target_chunk_size) or raise max_task_memory.");
                }
                warnSize(v, cb, warnings);
                if (v.alongConcat() && !v.isDimensionCoordinate()) {
                    long row = rowBytes(v);
                    long concatChunks = concatChunks(v);
                    long pieces = (chunkCount(v) / Math.max(1, concatChunks)) * (concatChunks + nConcat);
                    if (2 * row + cb > budget) {
                        shuffled.add(v);
                        modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                                "one step of chunks along '" + concatDim + "' is "
                                        + ByteSize.format(row) + ", too much for one task"));
                    } else if (pieces > MAX_LISTED_PIECES) {
                        shuffled.add(v);
                        modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                                "about " + pieces + " pieces: too many small chunks to list one by one"));
                    } else {
                        direct.add(v);
                        nConcatChunks = Math.max(nConcatChunks, concatChunks);
                        modes.add(new VariablePlan(v.name, VariablePlan.Mode.DIRECT, chunkCount(v), cb,
                                "each step of chunks along '" + concatDim + "' fits one task; inputs read once"));
                    }
                } else if (!v.alongConcat() && chunkCount(v) > 1 && 2 * chunkCount(v) * cb + cb > budget) {
                    // E.g. one large input: read once in slices rather than once per chunk.
                    shuffled.add(v);
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                            "its " + chunkCount(v) + " chunks (" + ByteSize.format(chunkCount(v) * cb)
                                    + ") are too much for one task; the input is read once, in slices"));
                } else {
                    alone.add(v);
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.DIRECT, chunkCount(v), cb,
                            v.alongConcat() ? "coordinate read from every input" : "read from one input"));
                }
            }
            List<StoreTask> tasks = new ArrayList<>();
            ConcatAxis axis = new ConcatAxis(offsets);
            if (!direct.isEmpty()) {
                long total = offsets[nConcat];
                int ch = dimChunk(concatDim);
                for (long k = 0; k * ch < total; k++) {
                    List<ConcatAxis.Segment> segments = axis.segments(k * ch, Math.min(total, (k + 1) * ch));
                    List<ChunkWrite> writes = new ArrayList<>();
                    long rows = 0;
                    long maxChunk = 0;
                    for (Var v : direct) {
                        long row = rowBytes(v);
                        long cb = chunkBytes(v);
                        if (!writes.isEmpty() && 2 * (rows + row) + Math.max(maxChunk, cb) > budget) {
                            addTask(tasks, writes, 2 * rows + maxChunk);
                            writes = new ArrayList<>();
                            rows = 0;
                            maxChunk = 0;
                        }
                        addWrites(v, v.concatAxis, k, segments, writes);
                        rows += row;
                        maxChunk = Math.max(maxChunk, cb);
                    }
                    addTask(tasks, writes, 2 * rows + maxChunk);
                }
            }
            for (Var v : alone) {
                List<ChunkWrite> writes = new ArrayList<>();
                if (v.alongConcat()) {
                    // The concat coordinate without values: one chunk spanning every input.
                    addWrites(v, 0, 0, axis.segments(0, v.shape[0]), writes);
                } else {
                    addWrites(v, -1, 0, null, writes);
                }
                // Buffers, a read of at most twice what they hold (see StoreChunks; one chunk's piece
                // for a single chunk), one encoding.
                long cb = chunkBytes(v);
                int perTask = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget - cb) / (3 * cb)));
                for (int i = 0; i < writes.size(); i += perTask) {
                    List<ChunkWrite> part = writes.subList(i, Math.min(writes.size(), i + perTask));
                    addTask(tasks, part, cb * part.size() + (part.size() == 1 ? cb : 2 * cb * part.size()) + cb);
                }
            }
            return new StorePlan(schema, tasks, shuffle(shuffled), modes, warnings, budget);
        }

        private static void addTask(List<StoreTask> tasks, List<ChunkWrite> writes, long peak) {
            if (!writes.isEmpty()) {
                tasks.add(new StoreTask(tasks.size(), writes, peak));
            }
        }

        private void warnSize(Var v, long cb, List<String> warnings) {
            if (v.isDimensionCoordinate() || v.shape.length == 0) {
                return;
            }
            long whole = v.dtype.size();
            for (long s : v.shape) {
                whole *= s;
            }
            String favor = v.alongConcat() ? "{size: 50MB, favor: [" + concatDim + "]}" : "50MB";
            if (cb < TINY_CHUNK && whole > cb) {
                warnings.add("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                        + ByteSize.format(cb) + ", under 1 MB: every chunk is one object to"
                        + " write and to read; consider larger target_chunks or target_chunk_size: " + favor);
            } else if (cb > HUGE_CHUNK) {
                warnings.add("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                        + ByteSize.format(cb) + ", over 500 MB: readers must fetch a whole chunk"
                        + " for any value; consider smaller target_chunks or target_chunk_size: " + favor);
            }
        }

        /**
         * Read tasks: every input once, in slabs of at most half the budget (several variables of one
         * input together when they fit, one variable in slices along its leading axes when it does not).
         */
        private ShufflePlan shuffle(List<Var> shuffled) {
            if (shuffled.isEmpty()) {
                return ShufflePlan.EMPTY;
            }
            List<ShuffleVariable> svars = new ArrayList<>();
            Map<String, ShuffleVariable> byName = new HashMap<>();
            long nextId = 0;
            long maxChunk = 0;
            List<Long> starts = new ArrayList<>();
            for (Var v : shuffled) {
                ShuffleVariable sv = new ShuffleVariable(v.name, nextId, v.shape.clone(), v.chunks.clone(), v.concatAxis);
                svars.add(sv);
                byName.put(v.name, sv);
                long cb = chunkBytes(v);
                maxChunk = Math.max(maxChunk, cb);
                long perTask = Math.max(1, Math.min(MAX_CHUNKS_PER_TASK, Math.min(TASK_BYTES, budget / 2) / cb));
                for (long c = 0; c < sv.chunkCount(); c += perTask) {
                    starts.add(nextId + c);
                }
                nextId += sv.chunkCount();
            }
            starts.add(nextId);
            long sliceLimit = budget / 2;
            List<ReadTask> reads = new ArrayList<>();
            long readBytes = 0;
            for (int c = 0; c < nConcat; c++) {
                for (int m = 0; m < nMerge; m++) {
                    int input = grid[c][m].input().index();
                    List<ReadTask.Slab> open = new ArrayList<>();
                    long openBytes = 0;
                    long openFrag = 0;
                    for (Var v : shuffled) {
                        // Variables without the concat dimension come from the first concat position only.
                        if (v.mergeIndex != m || (v.alongConcat() ? lengths[c] == 0 : c > 0)) {
                            continue;
                        }
                        int item = Math.max(v.first.dtype().size(), v.dtype.size());
                        long[] local = v.shape.clone();
                        if (v.alongConcat()) {
                            local[v.concatAxis] = lengths[c];
                        }
                        long frag = Math.min(chunkBytes(v), bytes(local, item));
                        for (ReadTask.Slab slab : slices(v, local, item, sliceLimit, v.transform(c))) {
                            long b = slab.elements() * item;
                            if (!open.isEmpty() && openBytes + b > sliceLimit) {
                                reads.add(new ReadTask(input, offsets[c], open, openBytes + openFrag));
                                open = new ArrayList<>();
                                openBytes = 0;
                                openFrag = 0;
                            }
                            open.add(slab);
                            openBytes += b;
                            openFrag = Math.max(openFrag, Math.min(frag, b));
                            readBytes += b;
                        }
                    }
                    if (!open.isEmpty()) {
                        reads.add(new ReadTask(input, offsets[c], open, openBytes + openFrag));
                    }
                }
            }
            int mapPartitions = (int) Math.max(1, Math.min(reads.size(), (readBytes + TASK_BYTES - 1) / TASK_BYTES));
            return new ShufflePlan(svars, reads, starts.stream().mapToLong(Long::longValue).toArray(), mapPartitions,
                    3 * maxChunk);
        }

        private static long bytes(long[] shape, int item) {
            long n = item;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }

        /** The variable's box in one input, cut along its leading axes into slabs of at most {@code limit} bytes. */
        private static List<ReadTask.Slab> slices(Var v, long[] local, int item, long limit, ValueTransform t) {
            int n = local.length;
            // Split axis: the first whose inner part fits; axes before it go one step at a time.
            int split = n;
            long inner = item;
            for (int a = n - 1; a >= 0; a--) {
                if (inner * local[a] > limit) {
                    split = a;
                    break;
                }
                inner *= local[a];
            }
            List<ReadTask.Slab> out = new ArrayList<>();
            if (split == n) {
                int[] count = new int[n];
                for (int a = 0; a < n; a++) {
                    count[a] = Math.toIntExact(local[a]);
                }
                out.add(new ReadTask.Slab(v.name, new long[n], count, t));
                return out;
            }
            long step = Math.max(1, limit / inner);
            if (step >= v.chunks[split]) {
                // Whole chunks along the split axis (not the concat axis: its chunks start elsewhere in each input).
                step = split == v.concatAxis ? step : step / v.chunks[split] * v.chunks[split];
            }
            long[] idx = new long[split];
            while (true) {
                for (long s = 0; s < local[split]; s += step) {
                    long[] start = new long[n];
                    int[] count = new int[n];
                    for (int a = 0; a < n; a++) {
                        if (a < split) {
                            start[a] = idx[a];
                            count[a] = 1;
                        } else if (a == split) {
                            start[a] = s;
                            count[a] = (int) Math.min(step, local[a] - s);
                        } else {
                            count[a] = Math.toIntExact(local[a]);
                        }
                    }
                    out.add(new ReadTask.Slab(v.name, start, count, t));
                }
                int a = split - 1;
                while (a >= 0 && ++idx[a] == local[a]) {
                    idx[a] = 0;
                    a--;
                }
                if (a < 0) {
                    return out;
                }
            }
        }

        /**
         * Adds the writes of every chunk of {@code v} whose index along {@code fixedAxis} is {@code fixed}
         * (all chunks when fixedAxis is -1), in C order. {@code segments} split the fixed concat chunk among inputs.
         */
        private void addWrites(Var v, int fixedAxis, long fixed, List<ConcatAxis.Segment> segments, List<ChunkWrite> out) {
            long[] g = ChunkGrid.of(v.shape, v.chunks);
            for (long n : g) {
                if (n == 0) {
                    return;
                }
            }
            long[] idx = new long[g.length];
            if (fixedAxis >= 0) {
                idx[fixedAxis] = fixed;
            }
            InputMetadata staticInput = grid[0][v.mergeIndex];
            while (true) {
                int n = g.length;
                long[] start = new long[n];
                int[] extent = new int[n];
                for (int a = 0; a < n; a++) {
                    start[a] = idx[a] * v.chunks[a];
                    extent[a] = (int) Math.min(v.chunks[a], v.shape[a] - start[a]);
                }
                List<Piece> pieces;
                if (fixedAxis < 0) {
                    pieces = List.of(new Piece(staticInput.input().index(), start, extent, new int[n], v.transform(0)));
                } else {
                    pieces = new ArrayList<>(segments.size());
                    for (ConcatAxis.Segment s : segments) {
                        long[] src = start.clone();
                        int[] count = extent.clone();
                        int[] dest = new int[n];
                        src[fixedAxis] = s.sourceStart();
                        count[fixedAxis] = s.count();
                        dest[fixedAxis] = s.destStart();
                        pieces.add(new Piece(grid[s.position()][v.mergeIndex].input().index(), src, count, dest,
                                v.transform(s.position())));
                    }
                }
                out.add(new ChunkWrite(v.name, idx.clone(), pieces));
                // Next index in C order, skipping the fixed axis.
                int a = n - 1;
                while (a >= 0) {
                    if (a != fixedAxis && ++idx[a] < g[a]) {
                        break;
                    }
                    if (a != fixedAxis) {
                        idx[a] = 0;
                    }
                    a--;
                }
                if (a < 0) {
                    return;
                }
            }
        }

        private static String url(InputMetadata im) {
            return im.input().url();
        }
    }
}
