package org.arcoforge.sample;

import java.util.Locale;

/** Builds CDL text: literals with the type suffixes ncgen needs. */
final class Cdl {
    private final StringBuilder sb = new StringBuilder(1 << 16);

    Cdl line(String s) {
        sb.append(s).append('\n');
        return this;
    }

    static String str(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    static String f(float v) {
        if (Float.isNaN(v)) {
            return "NaNf";
        }
        return Float.toString(v).toLowerCase(Locale.ROOT) + "f";
    }

    /** Appends a data section entry {@code name = v, v, ... ;}. */
    Cdl data(String name, short[] v) {
        sb.append(' ').append(name).append(" =");
        for (int i = 0; i < v.length; i++) {
            sep(i).append(v[i]);
        }
        sb.append(" ;\n");
        return this;
    }

    Cdl data(String name, byte[] v) {
        sb.append(' ').append(name).append(" =");
        for (int i = 0; i < v.length; i++) {
            sep(i).append(v[i]);
        }
        sb.append(" ;\n");
        return this;
    }

    /** NaN is written as {@code _}, the variable's fill value. */
    Cdl data(String name, float[] v) {
        sb.append(' ').append(name).append(" =");
        for (int i = 0; i < v.length; i++) {
            sep(i);
            if (Float.isNaN(v[i])) {
                sb.append('_');
            } else {
                sb.append(v[i]);
            }
        }
        sb.append(" ;\n");
        return this;
    }

    Cdl data(String name, double[] v) {
        sb.append(' ').append(name).append(" =");
        for (int i = 0; i < v.length; i++) {
            sep(i);
            if (Double.isNaN(v[i])) {
                sb.append('_');
            } else {
                sb.append(v[i]);
            }
        }
        sb.append(" ;\n");
        return this;
    }

    /** Literals as written (unsigned and 64-bit values, with their suffixes). */
    Cdl data(String name, String[] literals) {
        sb.append(' ').append(name).append(" =");
        for (int i = 0; i < literals.length; i++) {
            sep(i).append(literals[i]);
        }
        sb.append(" ;\n");
        return this;
    }

    private StringBuilder sep(int i) {
        if (i > 0) {
            sb.append(',');
        }
        return sb.append(i % 20 == 0 ? "\n  " : " ");
    }

    @Override
    public String toString() { return sb.toString(); }
}
