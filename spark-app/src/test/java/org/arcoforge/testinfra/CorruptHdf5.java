package org.arcoforge.testinfra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Damages size fields in the header of a NetCDF-4 file (HDF5 object header v2, attribute message v3). */
public final class CorruptHdf5 {
    private CorruptHdf5() {
    }

    /**
     * Sets the first dimension of the dataspace of the first attribute called {@code name} to
     * {@code count} (its data stays one value long), as a flipped bit in a size field would.
     */
    public static void claimHugeAttribute(Path file, String name, long count) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] key = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(b, key);
        if (at < 9) {
            throw new IllegalArgumentException("no attribute " + name + " in " + file);
        }
        // attribute message v3: version, flags, name size (2), datatype size (2), dataspace size (2), encoding, name
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int header = at - 9;
        if (b[header] != 3) {
            throw new IllegalArgumentException("attribute " + name + " of " + file + " is not a version 3 message");
        }
        int nameSize = buf.getShort(header + 2) & 0xffff;
        int datatypeSize = buf.getShort(header + 4) & 0xffff;
        int dataspace = at + nameSize + datatypeSize;
        // dataspace v2: version, rank, flags, type, then the dimension sizes (8 bytes each)
        if (b[dataspace] != 2 || b[dataspace + 1] < 1) {
            throw new IllegalArgumentException("attribute " + name + " of " + file + " has no simple dataspace");
        }
        buf.putLong(dataspace + 4, count);
        Files.write(file, b);
    }

    private static int indexOf(byte[] b, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= b.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (b[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
