package org.arcoforge.format.reference;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import org.arcoforge.format.zarr2.ZarrJson;

/**
 * kerchunk's JSON, version 1: {@code {"version": 1, "templates": {"u0": URL}, "refs": {KEY: JSON
 * text | "base64:..." | ["{{u0}}", offset, length]}}}, streamed (millions of references, one pass).
 */
public final class KerchunkJson {
    private KerchunkJson() {
    }

    public static byte[] toBytes(ReferenceSet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        write(set, out);
        return out.toByteArray();
    }

    public static void write(ReferenceSet set, OutputStream out) {
        try (JsonGenerator g = ZarrJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeObjectFieldStart("templates");
            for (int i = 0; i < set.urls().size(); i++) {
                g.writeStringField("u" + i, set.urls().get(i));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("refs");
            for (Map.Entry<String, JsonNode> e : set.metadata().entrySet()) {
                g.writeStringField(e.getKey(), ZarrJson.MAPPER.writeValueAsString(e.getValue()));
            }
            StringBuilder key = new StringBuilder();
            for (ReferenceSet.ArrayRefs a : set.arrays()) {
                if (a.inline() != null) {
                    key.setLength(0);
                    key.append(a.name()).append('/');
                    for (int d = 0; d < Math.max(1, a.rank()); d++) {
                        key.append(d == 0 ? "0" : ".0");
                    }
                    g.writeStringField(key.toString(), "base64:" + Base64.getEncoder().encodeToString(a.inline()));
                    continue;
                }
                for (ReferenceSet.Part p : a.parts()) {
                    String url = "{{u" + p.url() + "}}";
                    VariableLayout l = p.layout();
                    for (int i = 0; i < l.count(); i++) {
                        key.setLength(0);
                        key.append(a.name()).append('/');
                        if (a.rank() == 0) {
                            key.append('0');
                        }
                        for (int d = 0; d < a.rank(); d++) {
                            if (d > 0) {
                                key.append('.');
                            }
                            key.append(l.index(i, d) + p.shift()[d]);
                        }
                        g.writeFieldName(key.toString());
                        g.writeStartArray();
                        g.writeString(url);
                        g.writeNumber(l.offsets()[i]);
                        g.writeNumber(l.lengths()[i]);
                        g.writeEndArray();
                    }
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
