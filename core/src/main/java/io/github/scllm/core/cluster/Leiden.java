package io.github.scllm.core.cluster;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Leiden community detection (Traag, Waltman and van Eck 2019, Scientific Reports 9:5233), deterministic for a
 * seed.
 *
 * <p>Each pass: (1) fast local moving — nodes taken from a queue (initially all, in seeded random order) move to
 * the neighbouring or an empty community with the largest strictly positive gain, and their neighbours outside the
 * new community are queued again; (2) refinement — within each community, starting from singletons, every
 * well-connected singleton node joins a well-connected sub-community of the same community with probability
 * proportional to {@code exp(gain / theta)} among non-negative gains (theta 0.01, leidenalg's default);
 * (3) aggregation of the refined sub-communities into nodes, whose initial communities are those of step 1.
 * Passes repeat on the aggregate until every community is one node. Iterations repeat the whole from the last
 * partition, until it no longer changes or for a fixed count.
 *
 * <p>Quality functions, with resolution gamma: modularity
 * {@code Q = 1/(2m) sum_c [in_c - gamma K_c^2 / (2m)]} (in_c the weight inside c counted from both ends, K_c its total
 * degree; igraph's and leidenalg's RBConfiguration) and the constant Potts model
 * {@code H = sum_c [in_c - gamma n_c (n_c - 1)]} (n_c its cell count; leidenalg's CPMVertexPartition quality).
 * Cost per pass is about linear in the number of edges.
 */
public final class Leiden {

    /** What the partition optimises. */
    public enum Quality {
        /** Modularity with a resolution parameter (leidenalg's RBConfigurationVertexPartition). */
        MODULARITY,
        /** Constant Potts model (leidenalg's CPMVertexPartition); resolution = density threshold. */
        CPM
    }

    /**
     * Settings.
     *
     * @param quality the quality function
     * @param resolution gamma, positive
     * @param seed seed of every random choice
     * @param iterations passes of the whole algorithm; -1 until the partition no longer changes
     * @param randomness theta of the refinement, positive
     */
    public record Options(Quality quality, double resolution, long seed, int iterations, double randomness) {
        /** Modularity, resolution 1, seed 0, until stable, theta 0.01. */
        public static final Options DEFAULTS = new Options(Quality.MODULARITY, 1.0, 0L, -1, 0.01);

        /** @throws InvalidInputException if a value is out of range */
        public Options {
            if (quality == null) {
                throw new InvalidInputException("Leiden: choose a quality function (modularity or CPM).");
            }
            if (!(resolution > 0) || Double.isInfinite(resolution)) {
                throw new InvalidInputException("Leiden: the resolution must be positive, got " + resolution + ".");
            }
            if (iterations == 0 || iterations < -1) {
                throw new InvalidInputException("Leiden: iterations must be positive or -1 (until stable), got "
                    + iterations + ".");
            }
            if (!(randomness > 0)) {
                throw new InvalidInputException("Leiden: the randomness must be positive, got " + randomness + ".");
            }
        }
    }

    /**
     * A partition.
     *
     * @param membership community per node, 0 the largest, ties by the smallest node index
     * @param communities number of communities
     * @param quality value of the quality function
     */
    public record Result(int[] membership, int communities, double quality) {
    }

    /** Safety cap of the "until stable" iterations. */
    private static final int MAX_ITERATIONS = 50;

    private Leiden() {
    }

    /**
     * Partitions a graph.
     *
     * @param graph the graph
     * @param options settings
     * @param cancel polled once per pass
     * @param progress receives the fraction of iterations done
     * @return the partition
     * @throws CancelledException if cancelled
     */
    public static Result cluster(WeightedGraph graph, Options options, CancellationToken cancel,
        ProgressListener progress) {
        int n = graph.nodes();
        double[] penalty;
        double gamma;
        if (options.quality() == Quality.MODULARITY) {
            penalty = graph.degrees();
            double twoM = Arrays.stream(penalty).sum();
            gamma = twoM > 0 ? options.resolution() / twoM : 0;
        } else {
            penalty = new double[n];
            Arrays.fill(penalty, 1.0);
            gamma = options.resolution();
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] membership = new int[n];
        Arrays.setAll(membership, i -> i);
        int rounds = options.iterations() < 0 ? MAX_ITERATIONS : options.iterations();
        for (int it = 0; it < rounds; it++) {
            cancel.check();
            int[] next = canonical(pass(graph, penalty, gamma, membership, random, options.randomness(), cancel));
            boolean stable = Arrays.equals(next, membership);
            membership = next;
            progress.progress((it + 1.0) / rounds, "Leiden: iteration " + (it + 1));
            if (stable && options.iterations() < 0) {
                break;
            }
        }
        int communities = Arrays.stream(membership).max().orElse(-1) + 1;
        return new Result(membership, communities, quality(graph, membership, options));
    }

    /**
     * The quality of a partition, as {@link Quality} defines it.
     *
     * @param graph the graph
     * @param membership community per node
     * @param options the quality function and resolution
     * @return modularity or CPM quality
     */
    public static double quality(WeightedGraph graph, int[] membership, Options options) {
        int n = graph.nodes();
        int c = Arrays.stream(membership).max().orElse(-1) + 1;
        double[] inside = new double[c];
        double[] degree = new double[c];
        long[] size = new long[c];
        double twoM = 0;
        for (int i = 0; i < n; i++) {
            size[membership[i]]++;
            for (int e = graph.offsets()[i]; e < graph.offsets()[i + 1]; e++) {
                double w = graph.weights()[e];
                twoM += w;
                degree[membership[i]] += w;
                if (membership[graph.targets()[e]] == membership[i]) {
                    inside[membership[i]] += w;
                }
            }
        }
        double q = 0;
        for (int k = 0; k < c; k++) {
            q += options.quality() == Quality.MODULARITY
                ? inside[k] - options.resolution() * degree[k] * degree[k] / twoM
                : inside[k] - options.resolution() * size[k] * (size[k] - 1);
        }
        return options.quality() == Quality.MODULARITY ? (twoM > 0 ? q / twoM : 0) : q;
    }

    /** One pass of move, refine, aggregate down to the top level; returns the community of every original node. */
    private static int[] pass(WeightedGraph graph, double[] penalty, double gamma, int[] start,
        SplittableRandom random, double theta, CancellationToken cancel) {
        int n = graph.nodes();
        int[] levelNode = new int[n];
        Arrays.setAll(levelNode, i -> i);
        WeightedGraph g = graph;
        double[] p = penalty;
        int[] part = dense(start.clone());
        while (true) {
            cancel.check();
            part = dense(moveNodes(g, p, gamma, part, random));
            int communities = max(part) + 1;
            if (communities == g.nodes()) {
                break;
            }
            int[] refined = dense(refine(g, p, gamma, part, random, theta));
            if (max(refined) + 1 == g.nodes()) {
                // refinement found nothing to merge: aggregate by the communities themselves, as Louvain does
                refined = part.clone();
            }
            int r = max(refined) + 1;
            double[] aggregatePenalty = new double[r];
            int[] aggregatePart = new int[r];
            for (int v = 0; v < g.nodes(); v++) {
                aggregatePenalty[refined[v]] += p[v];
                aggregatePart[refined[v]] = part[v];
            }
            for (int i = 0; i < n; i++) {
                levelNode[i] = refined[levelNode[i]];
            }
            g = aggregate(g, refined, r);
            p = aggregatePenalty;
            part = aggregatePart;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = part[levelNode[i]];
        }
        return out;
    }

    /** Fast local moving (step 1). */
    static int[] moveNodes(WeightedGraph g, double[] p, double gamma, int[] part, SplittableRandom random) {
        int n = g.nodes();
        int[] comm = part.clone();
        double[] commPenalty = new double[n];
        int[] commSize = new int[n];
        for (int v = 0; v < n; v++) {
            commPenalty[comm[v]] += p[v];
            commSize[comm[v]]++;
        }
        int[] empty = new int[n];
        int emptyCount = 0;
        for (int c = n - 1; c >= 0; c--) {
            if (commSize[c] == 0) {
                empty[emptyCount++] = c;
            }
        }
        int[] queue = permutation(n, random);
        boolean[] queued = new boolean[n];
        Arrays.fill(queued, true);
        int head = 0;
        int pending = n;
        double[] toComm = new double[n];
        int[] listed = new int[n];
        while (pending > 0) {
            int v = queue[head];
            head = (head + 1) % n;
            pending--;
            queued[v] = false;
            int own = comm[v];
            int count = 0;
            for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                int c = comm[g.targets()[e]];
                if (toComm[c] == 0) {
                    listed[count++] = c;
                }
                toComm[c] += g.weights()[e];
            }
            commPenalty[own] -= p[v];
            commSize[own]--;
            int best = own;
            double bestGain = toComm[own] - gamma * p[v] * commPenalty[own];
            for (int t = 0; t < count; t++) {
                int c = listed[t];
                double gain = toComm[c] - gamma * p[v] * commPenalty[c];
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (bestGain < 0 && commSize[own] > 0 && emptyCount > 0) {
                best = empty[--emptyCount];
            }
            for (int t = 0; t < count; t++) {
                toComm[listed[t]] = 0;
            }
            comm[v] = best;
            commPenalty[best] += p[v];
            commSize[best]++;
            if (best != own) {
                if (commSize[own] == 0) {
                    empty[emptyCount++] = own;
                }
                for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                    int u = g.targets()[e];
                    if (!queued[u] && comm[u] != best) {
                        queued[u] = true;
                        queue[(head + pending) % n] = u;
                        pending++;
                    }
                }
            }
        }
        return comm;
    }

    /** Refinement (step 2): sub-communities of each community, merged from singletons. */
    static int[] refine(WeightedGraph g, double[] p, double gamma, int[] part, SplittableRandom random,
        double theta) {
        int n = g.nodes();
        int k = max(part) + 1;
        double[] partPenalty = new double[k];
        for (int v = 0; v < n; v++) {
            partPenalty[part[v]] += p[v];
        }
        int[] refined = new int[n];
        Arrays.setAll(refined, i -> i);
        double[] refPenalty = p.clone();
        int[] refSize = new int[n];
        Arrays.fill(refSize, 1);
        // weight from each refined community to the rest of its community
        double[] external = new double[n];
        for (int v = 0; v < n; v++) {
            for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                if (part[g.targets()[e]] == part[v]) {
                    external[v] += g.weights()[e];
                }
            }
        }
        double[] toComm = new double[n];
        int[] listed = new int[n];
        double[] gains = new double[n + 1];
        int[] choices = new int[n + 1];
        for (int v : permutation(n, random)) {
            int own = refined[v];
            int s = part[v];
            if (refSize[own] > 1 || external[own] < gamma * p[v] * (partPenalty[s] - p[v])) {
                continue; // only singletons that are well connected to their community move
            }
            int count = 0;
            for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                int u = g.targets()[e];
                if (part[u] != s) {
                    continue;
                }
                int c = refined[u];
                if (toComm[c] == 0) {
                    listed[count++] = c;
                }
                toComm[c] += g.weights()[e];
            }
            int options = 0;
            double maxGain = 0;
            choices[options] = own;
            gains[options++] = 0;
            for (int t = 0; t < count; t++) {
                int c = listed[t];
                if (c == own || external[c] < gamma * refPenalty[c] * (partPenalty[s] - refPenalty[c])) {
                    continue;
                }
                double gain = toComm[c] - gamma * p[v] * refPenalty[c];
                if (gain >= 0) {
                    choices[options] = c;
                    gains[options++] = gain;
                    maxGain = Math.max(maxGain, gain);
                }
            }
            int chosen = own;
            if (options > 1) {
                double total = 0;
                for (int o = 0; o < options; o++) {
                    gains[o] = Math.exp((gains[o] - maxGain) / theta);
                    total += gains[o];
                }
                double r = random.nextDouble() * total;
                chosen = choices[options - 1];
                for (int o = 0; o < options; o++) {
                    r -= gains[o];
                    if (r < 0) {
                        chosen = choices[o];
                        break;
                    }
                }
            }
            if (chosen != own) {
                external[chosen] += external[own] - 2 * toComm[chosen];
                refPenalty[chosen] += p[v];
                refSize[chosen]++;
                refSize[own] = 0;
                refined[v] = chosen;
            }
            for (int t = 0; t < count; t++) {
                toComm[listed[t]] = 0;
            }
        }
        return refined;
    }

    /** Step 3: one node per community, edge weights summed, self loops dropped (no gain depends on them). */
    static WeightedGraph aggregate(WeightedGraph g, int[] community, int count) {
        int n = g.nodes();
        int[] memberOffsets = new int[count + 1];
        for (int v = 0; v < n; v++) {
            memberOffsets[community[v] + 1]++;
        }
        for (int c = 0; c < count; c++) {
            memberOffsets[c + 1] += memberOffsets[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(memberOffsets, count);
        for (int v = 0; v < n; v++) {
            members[fill[community[v]]++] = v;
        }
        int[] offsets = new int[count + 1];
        int[] targets = new int[Math.max(16, g.entries())];
        double[] weights = new double[targets.length];
        double[] acc = new double[count];
        boolean[] seen = new boolean[count];
        int[] touched = new int[count];
        int entries = 0;
        for (int c = 0; c < count; c++) {
            int t = 0;
            for (int m = memberOffsets[c]; m < memberOffsets[c + 1]; m++) {
                int v = members[m];
                for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                    int d = community[g.targets()[e]];
                    if (d == c) {
                        continue;
                    }
                    if (!seen[d]) {
                        seen[d] = true;
                        touched[t++] = d;
                    }
                    acc[d] += g.weights()[e];
                }
            }
            Arrays.sort(touched, 0, t);
            for (int q = 0; q < t; q++) {
                int d = touched[q];
                targets[entries] = d;
                weights[entries++] = acc[d];
                acc[d] = 0;
                seen[d] = false;
            }
            offsets[c + 1] = entries;
        }
        return new WeightedGraph(offsets, Arrays.copyOf(targets, entries), Arrays.copyOf(weights, entries));
    }

    /** Renumbers ids densely in order of first appearance. */
    private static int[] dense(int[] ids) {
        int[] map = new int[ids.length];
        Arrays.fill(map, -1);
        int next = 0;
        for (int i = 0; i < ids.length; i++) {
            if (map[ids[i]] < 0) {
                map[ids[i]] = next++;
            }
            ids[i] = map[ids[i]];
        }
        return ids;
    }

    /** Renumbers communities by size, largest first, ties by the smallest member. */
    static int[] canonical(int[] membership) {
        int[] d = dense(membership.clone());
        int c = max(d) + 1;
        int[] size = new int[c];
        for (int x : d) {
            size[x]++;
        }
        Integer[] order = new Integer[c];
        Arrays.setAll(order, i -> i);
        // dense() numbered by first appearance, so the id breaks ties by the smallest member
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        int[] rank = new int[c];
        for (int r = 0; r < c; r++) {
            rank[order[r]] = r;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = rank[d[i]];
        }
        return d;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
