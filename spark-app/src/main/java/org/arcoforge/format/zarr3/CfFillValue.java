package org.arcoforge.format.zarr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.arcoforge.codec.FillValues;
import org.arcoforge.format.zarr2.FillValueJson;
import org.arcoforge.recipe.data.DType;

/**
 * The CF {@code _FillValue} attribute as xarray writes it into a Zarr v3 array's attributes
 * ({@code backends/zarr.py} {@code FillValueCoder.encode}): integers as JSON integers, floats as
 * base64 of their little-endian float64 bytes (NaN too). xarray's v3 reader masks with this
 * attribute, not with {@code fill_value}, so it is what keeps the v2 output's CF encoding.
 */
final class CfFillValue {
    private CfFillValue() {
    }

    /** The attribute's JSON, or null when the variable has no fill value (as its v2 .zarray would have none). */
    static JsonNode json(DType dtype, Number fill) {
        if (dtype == DType.STRING || dtype == DType.CHAR) {
            return null; // text keeps its own _FillValue attribute (SchemaCombination)
        }
        Number n = FillValues.normalize(dtype, fill);
        if (n == null) {
            return null;
        }
        if (dtype.isFloating()) {
            // doubleToLongBits: NaN as Python's float('nan'), 0x7ff8000000000000
            byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(Double.doubleToLongBits(n.doubleValue())).array();
            return TextNode.valueOf(Base64.getEncoder().encodeToString(b));
        }
        return FillValueJson.toJson(dtype, n);
    }
}
