package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
            new TimeTransforms(concatDim, vars, grid, nConcat).timeTransforms();
            packing();
            CoordinateCheck.check(inputs, concatDim, options.coordinateTolerance());
            sizeChunks();
            for (Var v : vars.values()) {
                shapeAndChunks(v);
            }
            new ConcatCoordinate(concatDim, vars, grid, nConcat, lengths, offsets).precomputeConcatCoordinate();
            TargetSchema schema = schema();
            return new TaskPlanner(concatDim, vars, grid, nConcat, nMerge, lengths, offsets, budget, packingWarnings,
                    this::dimChunk).build(schema);
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
                        Collections.unmodifiableMap(va), v.attrs != null ? v.fill : ConcatCoordinate.fillValue(v.first),
                        v.mergeIndex, v.alongConcat()));
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

        private static String url(InputMetadata im) {
            return im.input().url();
        }
    }
}
