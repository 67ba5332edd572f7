package org.arcoforge.format.zarr2;

import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.FillValues;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZarrMetadataTest {

    private static String fillJson(DType t, Number fill) {
        return new String(ZarrJson.write(FillValueJson.toJson(t, fill)), US_ASCII);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "INT8; -1; -1", "INT8; -128; -128", "UINT8; 255; 255", "UINT8; -1; 255",
            "INT16; -32768; -32768", "UINT16; 65535; 65535", "UINT16; -1; 65535",
            "INT32; -2147483648; -2147483648", "UINT32; 4294967295; 4294967295", "UINT32; -1; 4294967295",
            "INT64; -9223372036854775808; -9223372036854775808", "INT64; 9223372036854775807; 9223372036854775807",
            "UINT64; -1; 18446744073709551615", "UINT64; 18446744073709551615; 18446744073709551615",
            "UINT64; 42; 42"})
    void integerFillValuesAreJsonIntegers(DType t, String given, String json) {
        Number fill = new BigInteger(given);
        assertThat(fillJson(t, fill)).isEqualTo(json);
        assertThat(fillJson(t, fill.longValue())).isEqualTo(json);
        Number back = FillValueJson.fromJson(t, ZarrJson.read(json.getBytes(US_ASCII), "test"));
        assertThat(FillValues.same(t, back, fill)).isTrue();
    }

    @Test
    void floatFillValues() {
        assertThat(fillJson(DType.FLOAT64, Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(fillJson(DType.FLOAT32, Float.NaN)).isEqualTo("\"NaN\"");
        assertThat(fillJson(DType.FLOAT64, Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(fillJson(DType.FLOAT32, Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(fillJson(DType.FLOAT64, 9.96921e36)).isEqualTo("9.96921E36");
        // a float32 fill is the float value, written as its double widening
        assertThat(fillJson(DType.FLOAT32, 0.1)).isEqualTo("0.10000000149011612");
        assertThat(fillJson(DType.FLOAT32, 0.1f)).isEqualTo("0.10000000149011612");
        assertThat(fillJson(DType.FLOAT64, -0.0)).isEqualTo("-0.0");
        assertThat(fillJson(DType.FLOAT64, null)).isEqualTo("null");
        assertThat(FillValueJson.fromJson(DType.FLOAT64, ZarrJson.read("\"NaN\"".getBytes(US_ASCII), "t")).doubleValue()).isNaN();
        assertThat(FillValueJson.fromJson(DType.FLOAT32, ZarrJson.read("\"-Infinity\"".getBytes(US_ASCII), "t")))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void charFillIsBase64() {
        assertThat(fillJson(DType.CHAR, 0)).isEqualTo("\"AA==\"");
        assertThat(fillJson(DType.CHAR, (int) ' ')).isEqualTo("\"IA==\"");
        assertThat(FillValueJson.fromJson(DType.CHAR, ZarrJson.read("\"IA==\"".getBytes(US_ASCII), "t"))).isEqualTo((byte) ' ');
    }

    @Test
    void fillValuesThatDoNotFitAreRejected() {
        assertThatThrownBy(() -> FillValues.normalize(DType.INT8, 200)).hasMessageContaining("INT8");
        assertThatThrownBy(() -> FillValues.normalize(DType.UINT16, 70000)).hasMessageContaining("UINT16");
        assertThatThrownBy(() -> FillValues.normalize(DType.INT16, 1.5)).hasMessageContaining("integer");
        assertThatThrownBy(() -> FillValues.normalize(DType.INT32, Double.NaN)).hasMessageContaining("integer");
        assertThat(FillValues.normalize(DType.INT16, -9999.0)).isEqualTo(-9999L);
    }

    @Test
    void filledChunkHoldsTheFillValue() {
        assertThat((float[]) FillValues.filledChunk(DType.FLOAT32, 3, Float.NaN)).containsOnly(Float.NaN);
        assertThat((short[]) FillValues.filledChunk(DType.UINT16, 3, 65535)).containsOnly((short) -1);
        assertThat((long[]) FillValues.filledChunk(DType.UINT64, 2, new BigInteger("18446744073709551615")))
                .containsOnly(-1L);
        assertThat((int[]) FillValues.filledChunk(DType.INT32, 4, null)).containsOnly(0);
        assertThat((byte[]) FillValues.filledChunk(DType.CHAR, 2, (int) ' ')).containsOnly((byte) ' ');
        assertThat((double[]) FillValues.filledChunk(DType.FLOAT64, 2, -1e30)).containsOnly(-1e30);
    }

    @Test
    void zarrayLooksLikeZarrPythons() {
        ArrayMeta m = new ArrayMeta(new long[] {10, 7}, new int[] {4, 7}, DType.INT16, -32767,
                CodecRegistry.compression(new Compressor("zstd", 3, true)));
        String json = new String(ZarrJson.write(ZarrGroupWriter.zarrayJson(m)), US_ASCII);
        assertThat(json).isEqualTo("""
                {
                    "chunks": [
                        4,
                        7
                    ],
                    "compressor": {
                        "id": "zstd",
                        "level": 3
                    },
                    "dimension_separator": ".",
                    "dtype": "<i2",
                    "fill_value": -32767,
                    "filters": [
                        {
                            "elementsize": 2,
                            "id": "shuffle"
                        }
                    ],
                    "order": "C",
                    "shape": [
                        10,
                        7
                    ],
                    "zarr_format": 2
                }""");
        ArrayMeta scalar = new ArrayMeta(new long[0], new int[0], DType.FLOAT64, Double.NaN, null);
        String s = new String(ZarrJson.write(ZarrGroupWriter.zarrayJson(scalar)), US_ASCII);
        assertThat(s).contains("\"chunks\": [],", "\"shape\": [],", "\"compressor\": null,", "\"filters\": null,",
                "\"fill_value\": \"NaN\",", "\"dtype\": \"<f8\"");
    }

    @Test
    void attributesKeepOrderWidenFloatsAndWriteBareNaN() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("zeta", "first");
        attrs.put("scale_factor", 0.01f);
        attrs.put("add_offset", 273.15);
        attrs.put("missing", Float.NaN);
        attrs.put("big", Double.POSITIVE_INFINITY);
        attrs.put("small", Float.NEGATIVE_INFINITY);
        attrs.put("valid_range", List.of((short) -100, (short) 100));
        attrs.put("flags", List.of((byte) 1, (byte) 2));
        attrs.put("huge", Long.MAX_VALUE);
        attrs.put("long_name", "température");
        attrs.put("alpha", List.of(1.5f, 2.0));
        attrs.put("empty", List.of());
        String json = new String(ZarrJson.write(ZarrJson.attributes(attrs)), US_ASCII);
        assertThat(json).isEqualTo("""
                {
                    "zeta": "first",
                    "scale_factor": 0.009999999776482582,
                    "add_offset": 273.15,
                    "missing": NaN,
                    "big": Infinity,
                    "small": -Infinity,
                    "valid_range": [
                        -100,
                        100
                    ],
                    "flags": [
                        1,
                        2
                    ],
                    "huge": 9223372036854775807,
                    "long_name": "temp\\u00E9rature",
                    "alpha": [
                        1.5,
                        2.0
                    ],
                    "empty": []
                }""");
        assertThat(new String(ZarrJson.write(ZarrJson.attributes(Map.of())), US_ASCII)).isEqualTo("{}");
        assertThatThrownBy(() -> ZarrJson.attributes(Map.of("when", new java.util.Date())))
                .hasMessageContaining("when");
    }

    @Test
    void arrayMetaValidates() {
        assertThatThrownBy(() -> new ArrayMeta(new long[] {3}, new int[] {1, 1}, DType.INT8, null, null))
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> new ArrayMeta(new long[] {3}, new int[] {0}, DType.INT8, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrayMeta(new long[] {3}, new int[] {1}, DType.INT8, 300, null))
                .hasMessageContaining("300");
        ArrayMeta m = new ArrayMeta(new long[] {10, 3}, new int[] {4, 3}, DType.INT8, null, null);
        assertThat(m.chunkGrid()).containsExactly(3, 1);
        assertThat(m.chunkElements()).isEqualTo(12);
        assertThat(Arrays.equals(new ArrayMeta(new long[0], new int[0], DType.INT8, null, null).chunkGrid(), new long[0])).isTrue();
    }

    @Test
    void chunkKeys() {
        assertThat(ChunkKeys.key("sst", new long[] {0, 12, 3})).isEqualTo("sst/0.12.3");
        assertThat(ChunkKeys.key("sst", new long[] {7})).isEqualTo("sst/7");
        assertThat(ChunkKeys.key("scalar", new long[0])).isEqualTo("scalar/0");
        assertThat(ChunkKeys.key("g/v", new long[] {1, 2})).isEqualTo("g/v/1.2");
    }
}
