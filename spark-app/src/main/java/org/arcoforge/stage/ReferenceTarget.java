package org.arcoforge.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.format.reference.InputLayout;
import org.arcoforge.format.reference.KerchunkJson;
import org.arcoforge.format.reference.LayoutReader;
import org.arcoforge.format.reference.ReferenceCombiner;
import org.arcoforge.format.reference.ReferenceSet;
import org.arcoforge.format.reference.ReferenceUrls;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.source.ByteSources;
import org.arcoforge.store.HadoopStore;

/**
 * The stages of {@code kind: reference}, as plain functions: read one input's layout (executors),
 * combine them (driver), write the JSON once, atomically, at the end (temp file and rename through
 * the store layer, where the filesystem renames; one PUT on object stores).
 */
public final class ReferenceTarget {
    private ReferenceTarget() {
    }

    /** A reference target must be a {@code .json} file; anything else is refused before any work. */
    public static void checkTarget(String target) {
        String t = target.replaceAll("/+$", "");
        if (!t.toLowerCase(java.util.Locale.ROOT).endsWith(".json") || t.endsWith("/.json")) {
            throw new StageException("--target " + ByteSources.safeLocation(target) + ": kind: reference writes one"
                    + " kerchunk JSON file, so --target must be a path ending in .json (e.g. oisst.json)");
        }
    }

    /** What the executors return per input: its metadata (for the plan) and its layout. */
    public record Read(ReadMetadata.Result metadata, InputLayout layout) implements java.io.Serializable {}

    /** Both reads of one input, in one task. */
    public static Read read(InputFile file, JobSpec job) {
        try (NetcdfInput in = ReadMetadata.open(file, job)) {
            return new Read(ReadMetadata.read(file, job, in), LayoutReader.read(in, ReferenceUrls.of(file.url())));
        }
    }

    public static ReferenceSet combine(TargetSchema schema, List<InputMetadata> metadata, List<InputLayout> layouts,
                                       JobSpec job) {
        Map<String, Object> attrs = new LinkedHashMap<>(schema.attributes());
        attrs.put(PrepareTarget.ATTR_VERSION, Version.get());
        attrs.put(PrepareTarget.ATTR_RECIPE_HASH, job.recipe().fingerprint());
        attrs.put(PrepareTarget.ATTR_INPUTS, metadata.size());
        return ReferenceCombiner.combine(schema, metadata, layouts, job.concatDim(), attrs);
    }

    /** Writes the JSON and returns its size; an existing file is replaced only with --overwrite. */
    public static long write(ReferenceSet set, JobSpec job) {
        String target = job.target().replaceAll("/+$", "");
        int slash = target.lastIndexOf('/');
        String dir = slash <= 0 ? "." : target.substring(0, slash);
        String name = target.substring(slash + 1);
        HadoopStore store = new HadoopStore(dir, job.hadoopConf());
        if (!job.overwrite() && store.exists(name)) {
            throw new StageException("target " + ByteSources.safeLocation(job.target()) + " already exists; choose"
                    + " another --target or pass --overwrite to replace it");
        }
        byte[] json = KerchunkJson.toBytes(set);
        store.putMetadata(name, json);
        return json.length;
    }
}
