package io.github.scllm.core.io;

import java.math.BigInteger;

/** Conversions of the 1-D and 2-D Java arrays that jHDF returns, whatever their element width. */
final class Arrays1d {
    private Arrays1d() {
    }

    /** @return the array as longs; integral types of any width (unsigned ones arrive widened) */
    static long[] toLongs(Object a, String where) {
        if (a == null) {
            return new long[0];
        }
        if (a instanceof long[] l) {
            return l;
        }
        if (a instanceof int[] x) {
            long[] r = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i];
            }
            return r;
        }
        if (a instanceof short[] x) {
            long[] r = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i];
            }
            return r;
        }
        if (a instanceof byte[] x) {
            long[] r = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i];
            }
            return r;
        }
        if (a instanceof BigInteger[] x) {
            long[] r = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i].longValueExact();
            }
            return r;
        }
        if (a instanceof Number n) {
            return new long[] {n.longValue()};
        }
        throw new IllegalStateException(where + " holds " + describe(a) + ", not integers");
    }

    /** @return whether the array holds integral numbers */
    static boolean isIntegral(Object a) {
        return a instanceof long[] || a instanceof int[] || a instanceof short[] || a instanceof byte[]
            || a instanceof BigInteger[];
    }

    /** Copies numbers of any type into {@code dst[0..]}; returns the length. */
    static int toFloats(Object a, float[] dst, String where) {
        if (a instanceof float[] x) {
            System.arraycopy(x, 0, dst, 0, x.length);
            return x.length;
        }
        if (a instanceof double[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = (float) x[i];
            }
            return x.length;
        }
        if (a instanceof int[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = x[i];
            }
            return x.length;
        }
        if (a instanceof long[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = x[i];
            }
            return x.length;
        }
        if (a instanceof short[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = x[i];
            }
            return x.length;
        }
        if (a instanceof byte[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = x[i];
            }
            return x.length;
        }
        if (a instanceof BigInteger[] x) {
            for (int i = 0; i < x.length; i++) {
                dst[i] = x[i].floatValue();
            }
            return x.length;
        }
        throw new IllegalStateException(where + " holds " + describe(a) + ", not numbers");
    }

    /** @return the length of a 1-D array */
    static int length(Object a) {
        return java.lang.reflect.Array.getLength(a);
    }

    /** @return numbers as doubles, or {@code null} when the array is not numeric */
    static double[] toDoubles(Object a) {
        if (a instanceof double[] d) {
            return d;
        }
        if (a instanceof float[] x) {
            double[] r = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i];
            }
            return r;
        }
        if (isIntegral(a)) {
            long[] l = toLongs(a, "");
            double[] r = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                r[i] = l[i];
            }
            return r;
        }
        return null;
    }

    /** @return every element as text (numbers, strings, booleans) */
    static String[] toTexts(Object a, String where) {
        if (a == null) {
            return new String[0];
        }
        if (a instanceof String[] s) {
            return s;
        }
        if (a instanceof boolean[] b) {
            String[] r = new String[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = Boolean.toString(b[i]);
            }
            return r;
        }
        if (isIntegral(a)) {
            long[] l = toLongs(a, where);
            String[] r = new String[l.length];
            for (int i = 0; i < l.length; i++) {
                r[i] = Long.toString(l[i]);
            }
            return r;
        }
        double[] d = toDoubles(a);
        if (d != null) {
            String[] r = new String[d.length];
            for (int i = 0; i < d.length; i++) {
                r[i] = d[i] == Math.rint(d[i]) && Math.abs(d[i]) < 1e15 ? Long.toString((long) d[i])
                    : Double.toString(d[i]);
            }
            return r;
        }
        if (a instanceof Object[] o) {
            String[] r = new String[o.length];
            for (int i = 0; i < o.length; i++) {
                r[i] = o[i] == null ? null : o[i].toString();
            }
            return r;
        }
        throw new IllegalStateException(where + " holds " + describe(a) + ", not text");
    }

    static String describe(Object a) {
        return a == null ? "nothing" : a.getClass().getSimpleName();
    }
}
