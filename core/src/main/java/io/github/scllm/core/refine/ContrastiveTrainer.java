package io.github.scllm.core.refine;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a {@link ProjectionHead} with the supervised contrastive loss on labelled training rows only.
 *
 * <p>Procedure: a stratified validation split is drawn from the training rows (each class gives
 * round(fraction x size) rows, keeping at least one for training; classes with a single cell stay in training and are
 * reported); each epoch runs Adam (PyTorch's variant: weight decay added to the gradient, betas 0.9/0.999, eps
 * 1e-8) over batches — a seeded shuffle of the training rows, a final batch of fewer than two rows dropped, or with
 * class-balanced batches the same number of batches drawn class-uniformly with replacement; batches without any
 * positive pair are skipped. After each epoch the validation SupCon loss is computed in evaluation mode over
 * batches of the batch size; training stops after {@code patience} epochs without an improvement larger than
 * {@code minDelta}, and the best epoch's weights (and BatchNorm statistics) are restored. Same seed and input give
 * identical weights on the same machine, whatever the thread count.
 *
 * <p>Training runs in single precision ({@link FloatHead}), like PyTorch's float32 CPU training: the weights are
 * initialised in double, rounded to float, and returned exactly.
 */
public final class ContrastiveTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;

    private ContrastiveTrainer() {
    }

    /**
     * Trains the head.
     *
     * @param blocks one matrix per input block (rows aligned, all rows of a block of one dimension)
     * @param labels one non-blank label per row
     * @param options settings
     * @param cancel polled between batches
     * @param progress receives the fraction of epochs done
     * @return the trained head with its training curve
     * @throws InvalidInputException if vectors or labels are missing or inconsistent, fewer than two training rows
     *         remain, or no class has two cells (no positive pair to learn from)
     * @throws CancelledException if cancelled
     */
    public static ProjectionHead train(List<float[][]> blocks, String[] labels, RefineOptions options,
            CancellationToken cancel, ProgressListener progress) {
        int[] dims = InputBlocks.dimensions(blocks);
        float[][] x = InputBlocks.concatenate(blocks, dims);
        int in = x.length == 0 ? 0 : x[0].length;
        int n = x.length;
        if (labels == null || labels.length != n) {
            throw new InvalidInputException("Contrastive refinement: " + n + " rows but "
                    + (labels == null ? "no" : String.valueOf(labels.length)) + " labels; choose the label column of "
                    + "the training table.");
        }
        TreeMap<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (labels[i] == null || labels[i].isBlank()) {
                throw new InvalidInputException("Contrastive refinement: the label of row " + (i + 1) + " is missing; "
                        + "filter unlabelled rows first.");
            }
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<String> singletons = new ArrayList<>();
        int[] y = new int[n];
        int c = 0;
        List<int[]> classRows = new ArrayList<>();
        for (var e : byClass.entrySet()) {
            if (e.getValue().size() == 1) {
                singletons.add(e.getKey());
            }
            for (int i : e.getValue()) {
                y[i] = c;
            }
            classRows.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            c++;
        }
        if (singletons.size() == byClass.size()) {
            throw new InvalidInputException("Contrastive refinement: every class has a single cell, so there is no "
                    + "positive pair to learn from; label at least two cells of some class.");
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        HeadParameters initial = new HeadParameters(in, options.hidden(), options.output());
        initial.initialise(rnd.split());
        FloatHead params = FloatHead.of(initial);
        SplittableRandom splitRnd = rnd.split();
        SplittableRandom batchRnd = rnd.split();
        List<Integer> trainList = new ArrayList<>();
        List<Integer> valList = new ArrayList<>();
        for (int[] rows : classRows) {
            int[] shuffled = rows.clone();
            shuffle(shuffled, shuffled.length, splitRnd);
            int nVal = (int) Math.round(shuffled.length * options.validationFraction());
            nVal = Math.min(nVal, shuffled.length - 1);
            for (int i = 0; i < shuffled.length; i++) {
                (i < nVal ? valList : trainList).add(shuffled[i]);
            }
        }
        int[] train = trainList.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] val = valList.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (train.length < 2) {
            throw new InvalidInputException("Contrastive refinement: fewer than two training rows remain after the "
                    + "validation split; lower the validation fraction or add rows.");
        }
        List<String> warnings = new ArrayList<>();
        if (!singletons.isEmpty()) {
            warnings.add(singletons.size() + " class(es) have a single cell and give no positive pair: "
                    + String.join(", ", singletons));
        }
        boolean earlyStopping = val.length > 0 && hasPositivePair(val, y, options.batchSize());
        if (options.validationFraction() > 0 && !earlyStopping) {
            warnings.add("The validation split has no two cells of one class in a batch, so early stopping was not "
                    + "possible; all " + options.maxEpochs() + " epochs were run and the last weights kept.");
        }
        int[][] trainByClass = byClassRows(train, y, classRows.size());
        FloatHead grad = FloatHead.zerosLike(params);
        FloatHead m = FloatHead.zerosLike(params);
        FloatHead v = FloatHead.zerosLike(params);
        long step = 0;
        List<TrainingEpoch> curve = new ArrayList<>();
        FloatHead best = params.copy();
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int wait = 0;
        int batch = options.batchSize();
        int batchesPerEpoch = Math.max(1, (train.length + batch - 1) / batch);
        try (Workers w = new Workers(options.threads())) {
            for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
                int[] order = epochOrder(train, trainByClass, batchesPerEpoch * batch, options.balancedBatches(),
                        batchRnd);
                double lossSum = 0;
                int lossCount = 0;
                for (int from = 0; from < order.length; from += batch) {
                    cancel.check();
                    int to = Math.min(order.length, from + batch);
                    if (to - from < 2) {
                        continue;
                    }
                    int[] batchLabels = new int[to - from];
                    for (int i = from; i < to; i++) {
                        batchLabels[i - from] = y[order[i]];
                    }
                    float[][] xb = new float[to - from][];
                    for (int i = from; i < to; i++) {
                        xb[i - from] = x[order[i]];
                    }
                    FloatHead.Pass pass = params.forward(xb, true, w);
                    FloatHead.Loss loss = FloatHead.supCon(pass.z, batchLabels, options.temperature(), true, w);
                    if (loss.anchors() == 0) {
                        continue;
                    }
                    params.backward(pass, loss.gradient(), grad, w);
                    step++;
                    adam(params, grad, m, v, step, options, w);
                    lossSum += loss.value();
                    lossCount++;
                    progress.progress((epoch - 1 + (double) to / order.length) / options.maxEpochs(), "Epoch "
                            + epoch + ", batch " + (from / batch + 1));
                }
                double trainLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
                double valLoss = earlyStopping ? evaluate(params, x, val, y, options, w) : Double.NaN;
                curve.add(new TrainingEpoch(epoch, trainLoss, valLoss));
                progress.progress((double) epoch / options.maxEpochs(), "Epoch " + epoch + ": training loss "
                        + String.format("%.4f", trainLoss) + (earlyStopping ? ", validation loss "
                        + String.format("%.4f", valLoss) : ""));
                if (!earlyStopping) {
                    best = params.copy();
                    bestEpoch = epoch;
                    continue;
                }
                if (valLoss < bestLoss - options.minDelta()) {
                    bestLoss = valLoss;
                    best = params.copy();
                    bestEpoch = epoch;
                    wait = 0;
                } else if (++wait >= options.patience()) {
                    break;
                }
            }
        }
        return new ProjectionHead(dims, options, best.toParameters(), curve, bestEpoch, singletons, warnings);
    }

    private static boolean hasPositivePair(int[] rows, int[] y, int batch) {
        for (int from = 0; from < rows.length; from += batch) {
            int to = Math.min(rows.length, from + batch);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = from; i < to; i++) {
                if (!seen.add(y[rows[i]])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[][] byClassRows(int[] rows, int[] y, int classes) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            lists.add(new ArrayList<>());
        }
        for (int r : rows) {
            lists.get(y[r]).add(r);
        }
        return lists.stream().filter(l -> !l.isEmpty()).map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    private static int[] epochOrder(int[] train, int[][] byClass, int balancedCount, boolean balanced,
            SplittableRandom rnd) {
        if (!balanced) {
            int[] order = train.clone();
            shuffle(order, order.length, rnd);
            return order;
        }
        int[] order = new int[balancedCount];
        for (int i = 0; i < balancedCount; i++) {
            int[] rows = byClass[rnd.nextInt(byClass.length)];
            order[i] = rows[rnd.nextInt(rows.length)];
        }
        return order;
    }

    private static void shuffle(int[] a, int n, SplittableRandom rnd) {
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Validation loss in evaluation mode: anchor-weighted mean over batches of the batch size, fixed order. */
    private static double evaluate(FloatHead params, float[][] x, int[] rows, int[] y, RefineOptions options,
            Workers w) {
        double sum = 0;
        long anchors = 0;
        for (int from = 0; from < rows.length; from += options.batchSize()) {
            int to = Math.min(rows.length, from + options.batchSize());
            int[] labels = new int[to - from];
            float[][] xb = new float[to - from][];
            for (int i = from; i < to; i++) {
                labels[i - from] = y[rows[i]];
                xb[i - from] = x[rows[i]];
            }
            float[][] z = params.forward(xb, false, w).z;
            FloatHead.Loss r = FloatHead.supCon(z, labels, options.temperature(), false, w);
            sum += r.value() * r.anchors();
            anchors += r.anchors();
        }
        return anchors > 0 ? sum / anchors : Double.NaN;
    }

    /**
     * One Adam step as PyTorch's torch.optim.Adam (float32) with L2-style weight decay, over every learnable array;
     * each array is updated by one task (w may be null: serial).
     */
    static void adam(FloatHead params, FloatHead grad, FloatHead m, FloatHead v, long step, RefineOptions o,
            Workers w) {
        float[][] p = params.learnable();
        float[][] g = grad.learnable();
        float[][] ms = m.learnable();
        float[][] vs = v.learnable();
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float wd = (float) o.weightDecay();
        float stepSize = (float) (o.learningRate() / (1 - Math.pow(BETA1, step)));
        float c2Sqrt = (float) Math.sqrt(1 - Math.pow(BETA2, step));
        float eps = (float) ADAM_EPS;
        FloatHead.ranges(w, p.length, (from, to) -> {
            for (int a = from; a < to; a++) {
                float[] pa = p[a];
                float[] ga = g[a];
                float[] ma = ms[a];
                float[] va = vs[a];
                for (int i = 0; i < pa.length; i++) {
                    float gi = ga[i] + wd * pa[i];
                    ma[i] = b1 * ma[i] + (1 - b1) * gi;
                    va[i] = b2 * va[i] + (1 - b2) * gi * gi;
                    pa[i] -= stepSize * ma[i] / ((float) Math.sqrt(va[i]) / c2Sqrt + eps);
                }
            }
        });
    }
}
