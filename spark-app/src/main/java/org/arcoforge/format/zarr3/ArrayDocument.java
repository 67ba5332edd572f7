package org.arcoforge.format.zarr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.CodecPipeline;
import org.arcoforge.codec.Compression;
import org.arcoforge.codec.ZarrV3Codec;
import org.arcoforge.format.FormatException;
import org.arcoforge.format.zarr2.FillValueJson;
import org.arcoforge.format.zarr2.ZarrJson;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.data.DType;

/**
 * An array's {@code zarr.json} (Zarr v3 core spec): shape, data type, regular chunk grid (the
 * shard shape when sharded), default chunk keys with "/", fill value, codecs, dimension names
 * and the attributes as the Zarr v2 output's {@code .zattrs} hold them (without
 * {@code _ARRAY_DIMENSIONS}: v3 has {@code dimension_names}) plus {@code _FillValue} as xarray
 * writes it for v3 (see {@link CfFillValue}).
 */
final class ArrayDocument {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArrayDocument() {
    }

    // text is never byte-shuffled: CodecRegistry.pipeline leaves the shuffle out for it
    static ChunkCodec codec(Compression c, DType dtype) {
        return new ChunkCodec(c, dtype);
    }

    /** The v3 data_type name; char arrays (NetCDF CHAR) have none yet. */
    static String dataType(TargetVariable v) {
        return switch (v.dtype()) {
            case CHAR -> throw new FormatException("variable '" + v.name() + "' holds NetCDF characters (char), which"
                    + " this project does not write as Zarr v3 yet: use zarr_format: 2, or drop_variables: ["
                    + v.name() + "]");
            case STRING -> "string";
            default -> v.dtype().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The v3 fill_value: a number, "NaN"/"Infinity"/"-Infinity", "" for text; 0 when the variable has none. */
    static JsonNode fillValue(DType dtype, Number fill) {
        if (dtype == DType.STRING) {
            return TextNode.valueOf("");
        }
        return FillValueJson.toJson(dtype, fill == null ? 0 : fill);
    }

    static ObjectNode json(TargetVariable v, Compression compression) {
        ObjectNode a = NODES.objectNode();
        a.put("zarr_format", 3);
        a.put("node_type", "array");
        ArrayNode shape = a.putArray("shape");
        for (long s : v.shape()) shape.add(s);
        a.put("data_type", dataType(v));
        ObjectNode grid = a.putObject("chunk_grid");
        grid.put("name", "regular");
        ArrayNode cs = grid.putObject("configuration").putArray("chunk_shape");
        for (int c : v.chunks()) cs.add(c);
        ObjectNode keys = a.putObject("chunk_key_encoding");
        keys.put("name", "default");
        keys.putObject("configuration").put("separator", "/");
        a.set("fill_value", fillValue(v.dtype(), v.fillValue()));
        CodecPipeline pipeline = codec(compression, v.dtype()).pipeline();
        ArrayNode codecs = a.putArray("codecs");
        if (v.sharded()) {
            ObjectNode s = codecs.addObject();
            s.put("name", "sharding_indexed");
            ObjectNode conf = s.putObject("configuration");
            ArrayNode inner = conf.putArray("chunk_shape");
            for (int c : v.innerChunks()) inner.add(c);
            conf.set("codecs", codecList(pipeline.zarrV3()));
            ArrayNode idx = conf.putArray("index_codecs");
            ObjectNode bytes = idx.addObject();
            bytes.put("name", "bytes");
            bytes.putObject("configuration").put("endian", "little");
            idx.addObject().put("name", "crc32c");
            conf.put("index_location", "end");
        } else {
            codecs.addAll(codecList(pipeline.zarrV3()));
        }
        ObjectNode attrs = ZarrJson.attributes(v.attributes());
        JsonNode cfFill = CfFillValue.json(v.dtype(), v.fillValue());
        if (cfFill != null && !attrs.has("_FillValue")) {
            attrs.set("_FillValue", cfFill);
        }
        a.set("attributes", attrs);
        ArrayNode names = a.putArray("dimension_names");
        v.dims().forEach(names::add);
        return a;
    }

    private static ArrayNode codecList(List<ZarrV3Codec> codecs) {
        ArrayNode out = NODES.arrayNode();
        for (ZarrV3Codec c : codecs) {
            ObjectNode o = out.addObject();
            o.put("name", c.name());
            if (!c.configuration().isEmpty()) {
                o.set("configuration", ZarrJson.MAPPER.valueToTree(c.configuration()));
            }
        }
        return out;
    }
}
