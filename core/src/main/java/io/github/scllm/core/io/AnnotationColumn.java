package io.github.scllm.core.io;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * One column of per-cell (obs) or per-gene (var) annotation, held in memory as primitive arrays: annotation is small
 * next to the matrix (a few columns per cell). Missing values are marked in a mask; categoricals keep their codes.
 */
public abstract sealed class AnnotationColumn {
    private final String name;
    private final boolean[] missing;

    private AnnotationColumn(String name, boolean[] missing) {
        this.name = Objects.requireNonNull(name, "name");
        this.missing = missing;
    }

    public final String name() {
        return name;
    }

    public abstract ColumnType type();

    public abstract int size();

    /** @return whether the value at {@code row} is missing (NA) */
    public boolean isMissing(int row) {
        return missing != null && missing[row];
    }

    /** @return whether the column was stored as a categorical */
    public boolean categorical() {
        return false;
    }

    /** @return the number of categories of a categorical, or of distinct values of a string column; -1 otherwise */
    public int categoryCount() {
        return -1;
    }

    /** @return the value at {@code row} as text, or {@code null} when missing */
    public abstract String text(int row);

    /** @return a copy holding only the given rows, in the given order */
    public abstract AnnotationColumn select(int[] rows);

    static boolean[] selectMask(boolean[] mask, int[] rows) {
        if (mask == null) {
            return null;
        }
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = mask[rows[i]];
        }
        return out;
    }

    /** Strings, either plain (one value per row) or categorical (codes into categories; code -1 is missing). */
    public static final class Strings extends AnnotationColumn {
        private final String[] categories;
        private final int[] codes;
        private final boolean categorical;

        private Strings(String name, String[] categories, int[] codes, boolean categorical) {
            super(name, null);
            this.categories = categories;
            this.codes = codes;
            this.categorical = categorical;
        }

        /** A categorical column; a code of -1 marks a missing value. */
        public static Strings categorical(String name, String[] categories, int[] codes) {
            for (int c : codes) {
                if (c < -1 || c >= categories.length) {
                    throw new IllegalArgumentException("Category code " + c + " of column '" + name
                        + "' is outside 0.." + (categories.length - 1));
                }
            }
            return new Strings(name, categories.clone(), codes, true);
        }

        /** A plain string column; {@code null} entries are missing. Values are dictionary-encoded internally. */
        public static Strings plain(String name, String[] values) {
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (String v : values) {
                if (v != null) {
                    distinct.add(v);
                }
            }
            String[] dict = distinct.toArray(String[]::new);
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < dict.length; i++) {
                index.put(dict[i], i);
            }
            int[] codes = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                codes[i] = values[i] == null ? -1 : index.get(values[i]);
            }
            return new Strings(name, dict, codes, false);
        }

        @Override
        public ColumnType type() {
            return ColumnType.STRING;
        }

        @Override
        public int size() {
            return codes.length;
        }

        @Override
        public boolean isMissing(int row) {
            return codes[row] < 0;
        }

        @Override
        public boolean categorical() {
            return categorical;
        }

        @Override
        public int categoryCount() {
            return categories.length;
        }

        /** @return the category texts (copy) */
        public String[] categories() {
            return categories.clone();
        }

        @Override
        public String text(int row) {
            int c = codes[row];
            return c < 0 ? null : categories[c];
        }

        @Override
        public Strings select(int[] rows) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = codes[rows[i]];
            }
            return new Strings(name(), categories, out, categorical);
        }
    }

    /** 64-bit integers with an optional missing mask. */
    public static final class Integers extends AnnotationColumn {
        private final long[] values;

        public Integers(String name, long[] values, boolean[] missing) {
            super(name, missing);
            this.values = values;
        }

        @Override
        public ColumnType type() {
            return ColumnType.INTEGER;
        }

        @Override
        public int size() {
            return values.length;
        }

        public long value(int row) {
            return values[row];
        }

        /** @return whether every value fits in a 32-bit int */
        public boolean fitsInt() {
            return Arrays.stream(values).allMatch(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
        }

        @Override
        public String text(int row) {
            return isMissing(row) ? null : Long.toString(values[row]);
        }

        @Override
        public Integers select(int[] rows) {
            long[] out = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Integers(name(), out, selectMask(missingMask(), rows));
        }
    }

    /** Doubles; NaN is a value, missingness is the mask (pandas float columns use NaN for both). */
    public static final class Doubles extends AnnotationColumn {
        private final double[] values;

        public Doubles(String name, double[] values, boolean[] missing) {
            super(name, missing);
            this.values = values;
        }

        @Override
        public ColumnType type() {
            return ColumnType.DOUBLE;
        }

        @Override
        public int size() {
            return values.length;
        }

        public double value(int row) {
            return values[row];
        }

        @Override
        public String text(int row) {
            return isMissing(row) ? null : Double.toString(values[row]);
        }

        @Override
        public Doubles select(int[] rows) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Doubles(name(), out, selectMask(missingMask(), rows));
        }
    }

    /** Booleans with an optional missing mask. */
    public static final class Booleans extends AnnotationColumn {
        private final boolean[] values;

        public Booleans(String name, boolean[] values, boolean[] missing) {
            super(name, missing);
            this.values = values;
        }

        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }

        @Override
        public int size() {
            return values.length;
        }

        public boolean value(int row) {
            return values[row];
        }

        @Override
        public String text(int row) {
            return isMissing(row) ? null : Boolean.toString(values[row]);
        }

        @Override
        public Booleans select(int[] rows) {
            boolean[] out = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Booleans(name(), out, selectMask(missingMask(), rows));
        }
    }

    final boolean[] missingMask() {
        return missing;
    }
}
