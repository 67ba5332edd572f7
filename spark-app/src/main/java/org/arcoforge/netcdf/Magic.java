package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSource;
import org.arcoforge.source.InputException;
import java.io.IOException;

/** Format detection from the first bytes, and the length each format's header promises. */
final class Magic {
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** What the magic bytes say; hdf5Offset is -1 for NetCDF-3. */
    record Detected(FileFormat format, long hdf5Offset, int superblockVersion) {}

    private Magic() {}

    static Detected detect(ByteSource src) throws IOException {
        long length = src.length();
        byte[] head = new byte[(int) Math.min(8, length)];
        src.readFully(0, head, 0, head.length);
        if (head.length >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F') {
            switch (head[3]) {
                case 1: return new Detected(FileFormat.NETCDF3_CLASSIC, -1, -1);
                case 2: return new Detected(FileFormat.NETCDF3_64BIT_OFFSET, -1, -1);
                case 5: return new Detected(FileFormat.NETCDF3_64BIT_DATA, -1, -1);
                default: break;
            }
        }
        // The HDF5 signature may follow a user block: at 0, 512, 1024, 2048, ...
        byte[] sig = new byte[9];
        for (long off = 0; off + sig.length <= length; off = off == 0 ? 512 : off * 2) {
            src.readFully(off, sig, 0, sig.length);
            boolean match = true;
            for (int i = 0; i < HDF5.length && match; i++) {
                match = sig[i] == HDF5[i];
            }
            if (match) {
                return new Detected(FileFormat.NETCDF4, off, sig[8] & 0xff);
            }
        }
        throw new InputException(src.location(), "not a NetCDF file: it starts with " + describe(head)
                + " (" + length + " bytes); expected CDF\\x01, CDF\\x02, CDF\\x05 or the HDF5 signature \\x89HDF\\r\\n\\x1a\\n");
    }

    static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing (empty file)";
        }
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x ", b & 0xff));
            text.append(b >= 32 && b < 127 ? (char) b : '.');
        }
        return "bytes " + hex.toString().trim() + " (\"" + text + "\")";
    }

    /**
     * Bytes the file must have according to its header, so that a truncated copy is reported
     * instead of being read as garbage or with silently fewer records.
     */
    static long requiredLength(ByteSource src, Detected d) throws IOException {
        return d.format() == FileFormat.NETCDF4 ? hdf5EndOfFile(src, d) : Nc3Header.requiredLength(src);
    }

    /** HDF5 superblocks record the end-of-file address precisely to detect truncation. */
    private static long hdf5EndOfFile(ByteSource src, Detected d) throws IOException {
        long sb = d.hdf5Offset();
        byte[] b = new byte[64];
        int n = (int) Math.min(b.length, src.length() - sb);
        src.readFully(sb, b, 0, n);
        int v = d.superblockVersion();
        int sizeOfOffsets;
        int addrStart;
        if (v == 0 || v == 1) {
            sizeOfOffsets = b[13] & 0xff;
            addrStart = 24 + (v == 1 ? 4 : 0);
        } else if (v == 2 || v == 3) {
            sizeOfOffsets = b[9] & 0xff;
            addrStart = 12;
        } else {
            return -1;
        }
        if (sizeOfOffsets != 8 && sizeOfOffsets != 4 || addrStart + 3 * sizeOfOffsets > n) {
            return -1;
        }
        long base = le(b, addrStart, sizeOfOffsets);
        long eof = le(b, addrStart + 2 * sizeOfOffsets, sizeOfOffsets);
        return base + eof;
    }

    private static long le(byte[] b, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
