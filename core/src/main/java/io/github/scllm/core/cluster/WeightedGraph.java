package io.github.scllm.core.cluster;

/**
 * An undirected weighted graph without self loops in compressed sparse rows: the neighbours of node {@code i} are
 * {@code targets[offsets[i] .. offsets[i+1])} with the weights at the same positions, ascending by target; every edge
 * is stored in both directions with one weight.
 *
 * @param offsets {@code nodes + 1} offsets
 * @param targets neighbour indices
 * @param weights positive edge weights
 */
public record WeightedGraph(int[] offsets, int[] targets, double[] weights) {

    /** @return number of nodes */
    public int nodes() {
        return offsets.length - 1;
    }

    /** @return number of stored (directed) entries, twice the number of edges */
    public int entries() {
        return targets.length;
    }

    /** @return the weighted degree of every node */
    public double[] degrees() {
        double[] d = new double[nodes()];
        for (int i = 0; i < d.length; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                d[i] += weights[e];
            }
        }
        return d;
    }

    /**
     * Builds the graph from directed entries sorted by source, then target, each pair present in both directions.
     *
     * @param n number of nodes
     * @param sources source per entry, ascending
     * @param targets target per entry, ascending within a source
     * @param weights weight per entry
     * @param count number of entries used
     * @return the graph
     */
    static WeightedGraph fromSorted(int n, int[] sources, int[] targets, double[] weights, int count) {
        int[] offsets = new int[n + 1];
        for (int e = 0; e < count; e++) {
            offsets[sources[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        return new WeightedGraph(offsets, java.util.Arrays.copyOf(targets, count),
            java.util.Arrays.copyOf(weights, count));
    }
}
