package io.github.scllm.core.io;

/**
 * Tells {@link ValueKind}s apart from the values seen: any negative value means scaled; all integers mean counts; else
 * the values are log-normalised when the cells' sums of {@code expm1(value)} agree (every cell normalised to the same
 * total, as log1p of counts per 10,000 gives when all genes are kept) or when every value is small enough for a log
 * scale while most are fractional (a gene subset of log-normalised values, as an h5ad's {@code raw.X} of selected
 * genes); other fractional values are counts of some kind (corrected, or normalised without the log).
 */
public final class ValueKindDetector {
    /** Cells {@link #detect} looks at: enough to judge, few enough to cost nothing next to the real pass. */
    public static final int SAMPLE_CELLS = 2000;
    /** log1p of a million: the largest value log-normalised data reach at any usual target sum. */
    private static final double LOG_SCALE_MAX = 14;
    /** Largest coefficient of variation of the cells' expm1 sums that still means "normalised to one total". */
    private static final double SAME_TOTAL_CV = 0.05;

    private boolean negative;
    private long values;
    private long fractional;
    private double max;
    private long cells;
    private double sumOfTotals;
    private double sumOfSquaredTotals;

    /** Adds every cell of a chunk. */
    public void add(CellChunk chunk) {
        int[] off = chunk.offsets();
        for (int i = 0; i < chunk.count(); i++) {
            addCell(chunk.values(), off[i], off[i + 1]);
        }
    }

    /** Adds one cell: its stored values {@code values[from..to)}. */
    public void addCell(float[] values, int from, int to) {
        double total = 0;
        for (int k = from; k < to; k++) {
            float x = values[k];
            if (x < 0) {
                negative = true;
            }
            if (x != Math.rint(x)) {
                fractional++;
            }
            max = Math.max(max, x);
            total += Math.expm1(x);
        }
        this.values += to - from;
        if (to > from) {
            cells++;
            sumOfTotals += total;
            sumOfSquaredTotals += total * total;
        }
    }

    /** @return the kind of the values added so far ({@link ValueKind#COUNTS} when none were) */
    public ValueKind kind() {
        if (negative) {
            return ValueKind.SCALED;
        }
        if (fractional == 0) {
            return ValueKind.COUNTS;
        }
        double mean = sumOfTotals / cells;
        double variance = Math.max(0, sumOfSquaredTotals / cells - mean * mean);
        boolean sameTotal = cells > 1 && Double.isFinite(mean) && Math.sqrt(variance) < SAME_TOTAL_CV * mean;
        boolean logScale = max <= LOG_SCALE_MAX && fractional * 2 > values;
        return sameTotal || logScale ? ValueKind.LOG_NORMALISED : ValueKind.COUNTS;
    }

    /**
     * Looks at the first {@link #SAMPLE_CELLS} cells of a reader.
     *
     * @param reader an open reader that keeps negative values (a reader rejecting them fails here instead, with the
     *        cell and gene named)
     * @return the kind of its values
     */
    public static ValueKind detect(CellMatrixReader reader) {
        ValueKindDetector d = new ValueKindDetector();
        int n = Math.min(SAMPLE_CELLS, reader.summary().cellCount());
        if (n > 0) {
            d.add(reader.read(0, n));
        }
        return d.kind();
    }
}
