package io.github.scllm.core.refine;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.UnsupportedFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained projection head: input -&gt; hidden (no bias) -&gt; BatchNorm (running statistics) -&gt; ReLU -&gt;
 * output (with bias) -&gt; L2-normalise, together with the input block layout, the settings and the training curve.
 * The input is one or more vector blocks per row; each block is L2-normalised on its own and the blocks are
 * concatenated in order. Immutable and thread-safe; serialises exactly (parameters as IEEE doubles).
 */
public final class ProjectionHead {
    private static final int MAGIC = 0x53434850; // "SCHP"
    private static final int FORMAT_VERSION = 1;

    private final int[] blockDimensions;
    private final RefineOptions options;
    private final HeadParameters parameters;
    private final List<TrainingEpoch> curve;
    private final int bestEpoch;
    private final List<String> singletonClasses;
    private final List<String> warnings;

    ProjectionHead(int[] blockDimensions, RefineOptions options, HeadParameters parameters,
            List<TrainingEpoch> curve, int bestEpoch, List<String> singletonClasses, List<String> warnings) {
        this.blockDimensions = blockDimensions.clone();
        this.options = options;
        this.parameters = parameters.copy();
        this.curve = List.copyOf(curve);
        this.bestEpoch = bestEpoch;
        this.singletonClasses = List.copyOf(singletonClasses);
        this.warnings = List.copyOf(warnings);
    }

    /** @return the dimensions of the input blocks, in order */
    public int[] blockDimensions() {
        return blockDimensions.clone();
    }

    /** @return the total input dimension (sum of the block dimensions) */
    public int inputDimension() {
        return parameters.in;
    }

    /** @return the dimension of the refined vectors */
    public int outputDimension() {
        return parameters.out;
    }

    /** @return the settings the head was trained with */
    public RefineOptions options() {
        return options;
    }

    /** @return one entry per epoch run */
    public List<TrainingEpoch> trainingCurve() {
        return curve;
    }

    /** @return the 1-based epoch whose weights were kept */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return classes with a single training cell (kept in training as negatives, no positive pair) */
    public List<String> singletonClasses() {
        return singletonClasses;
    }

    /** @return notes for the user about the training (e.g. early stopping unavailable) */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Refines vectors (evaluation mode).
     *
     * @param blocks one matrix per input block, rows aligned, dimensions as {@link #blockDimensions()}
     * @param cancel polled between row chunks
     * @param progress receives the fraction done
     * @return one L2-normalised vector of {@link #outputDimension()} per row
     * @throws InvalidInputException if the block count or a dimension differs, or a row is missing or not finite
     * @throws CancelledException if cancelled
     */
    public float[][] apply(List<float[][]> blocks, CancellationToken cancel, ProgressListener progress) {
        float[][] x = InputBlocks.concatenate(blocks, blockDimensions);
        int n = x.length;
        float[][] out = new float[n][];
        int chunk = 1024;
        try (Workers w = new Workers(options.threads())) {
            for (int from = 0; from < n; from += chunk) {
                cancel.check();
                int to = Math.min(n, from + chunk);
                double[][] batch = InputBlocks.toDouble(x, from, to);
                double[][] z = parameters.forward(batch, false, w).z;
                for (int i = from; i < to; i++) {
                    out[i] = new float[z[i - from].length];
                    for (int j = 0; j < out[i].length; j++) {
                        out[i][j] = (float) z[i - from][j];
                    }
                }
                progress.progress((double) to / n, "Refined " + to + " of " + n + " rows");
            }
        }
        return out;
    }

    /**
     * Writes the model (settings, layout, parameters, running statistics, curve, notes).
     *
     * @throws UncheckedIOException if the stream fails
     */
    public void writeTo(OutputStream stream) {
        try {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            RefineOptions o = options;
            out.writeInt(o.hidden());
            out.writeInt(o.output());
            out.writeDouble(o.temperature());
            out.writeDouble(o.learningRate());
            out.writeDouble(o.weightDecay());
            out.writeInt(o.batchSize());
            out.writeBoolean(o.balancedBatches());
            out.writeInt(o.maxEpochs());
            out.writeInt(o.patience());
            out.writeDouble(o.minDelta());
            out.writeDouble(o.validationFraction());
            out.writeLong(o.seed());
            out.writeInt(o.threads());
            out.writeInt(blockDimensions.length);
            for (int d : blockDimensions) {
                out.writeInt(d);
            }
            out.writeInt(parameters.values.length);
            for (double v : parameters.values) {
                out.writeDouble(v);
            }
            for (int j = 0; j < parameters.hidden; j++) {
                out.writeDouble(parameters.runningMean[j]);
                out.writeDouble(parameters.runningVar[j]);
            }
            out.writeInt(curve.size());
            for (TrainingEpoch e : curve) {
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.validationLoss());
            }
            out.writeInt(bestEpoch);
            writeStrings(out, singletonClasses);
            writeStrings(out, warnings);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the projection head: " + e.getMessage(), e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    /** @return the model as bytes (see {@link #writeTo}) */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(bytes);
        return bytes.toByteArray();
    }

    /**
     * Reads a model written by {@link #writeTo}.
     *
     * @throws UnsupportedFormatException if the stream is not a projection head or of a newer format version
     * @throws InvalidInputException if the stream is truncated or inconsistent
     * @throws UncheckedIOException if the stream fails
     */
    public static ProjectionHead readFrom(InputStream stream) {
        try {
            DataInputStream in = new DataInputStream(stream);
            if (in.readInt() != MAGIC) {
                throw new UnsupportedFormatException("This is not a contrastive projection head model (wrong "
                        + "header); connect the output of the Contrastive Refine Learner.");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new UnsupportedFormatException("Projection head model format version " + version + " is not "
                        + "supported (this version reads " + FORMAT_VERSION + "); retrain the model or update the "
                        + "extension.");
            }
            RefineOptions o = new RefineOptions(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readInt(), in.readBoolean(), in.readInt(), in.readInt(), in.readDouble(),
                    in.readDouble(), in.readLong(), in.readInt());
            int blocks = in.readInt();
            if (blocks < 1 || blocks > 1_000) {
                throw corrupt("block count " + blocks);
            }
            int[] dims = new int[blocks];
            int total = 0;
            for (int b = 0; b < blocks; b++) {
                dims[b] = in.readInt();
                if (dims[b] < 1) {
                    throw corrupt("block dimension " + dims[b]);
                }
                total += dims[b];
            }
            HeadParameters p = new HeadParameters(total, o.hidden(), o.output());
            int count = in.readInt();
            if (count != p.values.length) {
                throw corrupt(count + " parameters where " + p.values.length + " were expected");
            }
            for (int i = 0; i < count; i++) {
                p.values[i] = in.readDouble();
            }
            for (int j = 0; j < o.hidden(); j++) {
                p.runningMean[j] = in.readDouble();
                p.runningVar[j] = in.readDouble();
            }
            int epochs = in.readInt();
            if (epochs < 0 || epochs > 1_000_000) {
                throw corrupt("epoch count " + epochs);
            }
            List<TrainingEpoch> curve = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                curve.add(new TrainingEpoch(in.readInt(), in.readDouble(), in.readDouble()));
            }
            int best = in.readInt();
            List<String> singletons = readStrings(in);
            List<String> warnings = readStrings(in);
            return new ProjectionHead(dims, o, p, curve, best, singletons, warnings);
        } catch (EOFException e) {
            throw new InvalidInputException("The projection head model is truncated; save it again from the "
                    + "learner.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the projection head: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException corrupt(String what) {
        return new InvalidInputException("The projection head model is damaged (" + what + "); save it again from "
                + "the learner.");
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw corrupt("list length " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    /** @return a model read from {@link #toBytes()} output */
    public static ProjectionHead fromBytes(byte[] bytes) {
        return readFrom(new ByteArrayInputStream(bytes));
    }

    HeadParameters parameters() {
        return parameters.copy();
    }
}
