package io.github.scllm.core.refine;

import java.util.SplittableRandom;

/**
 * The learnable values of the projection head in one flat array (first layer input-major, BatchNorm scale and
 * shift, second layer input-major, its bias) plus BatchNorm's running statistics. Mutable: used during training.
 */
final class HeadParameters {
    final int in;
    final int hidden;
    final int out;
    final double[] values;
    final double[] runningMean;
    final double[] runningVar;

    HeadParameters(int in, int hidden, int out) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.values = new double[size(in, hidden, out)];
        this.runningMean = new double[hidden];
        this.runningVar = new double[hidden];
        java.util.Arrays.fill(runningVar, 1.0);
    }

    static int size(int in, int hidden, int out) {
        return in * hidden + 2 * hidden + hidden * out + out;
    }

    int w1() {
        return 0;
    }

    int gamma() {
        return in * hidden;
    }

    int beta() {
        return gamma() + hidden;
    }

    int w2() {
        return beta() + hidden;
    }

    int b2() {
        return w2() + hidden * out;
    }

    /** PyTorch's default initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for linear weights and bias. */
    void initialise(SplittableRandom rnd) {
        double b1 = 1.0 / Math.sqrt(in);
        double b2 = 1.0 / Math.sqrt(hidden);
        // drawn in PyTorch's (out, in) order, stored input-major
        for (int j = 0; j < hidden; j++) {
            for (int k = 0; k < in; k++) {
                values[w1() + k * hidden + j] = (rnd.nextDouble() * 2 - 1) * b1;
            }
        }
        for (int j = 0; j < hidden; j++) {
            values[gamma() + j] = 1.0;
            values[beta() + j] = 0.0;
        }
        for (int m = 0; m < out; m++) {
            for (int j = 0; j < hidden; j++) {
                values[w2() + j * out + m] = (rnd.nextDouble() * 2 - 1) * b2;
            }
        }
        for (int m = 0; m < out; m++) {
            values[b2() + m] = (rnd.nextDouble() * 2 - 1) * b2;
        }
    }

    double[] slice(int from, int length) {
        return java.util.Arrays.copyOfRange(values, from, from + length);
    }

    HeadParameters copy() {
        HeadParameters c = new HeadParameters(in, hidden, out);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(runningMean, 0, c.runningMean, 0, hidden);
        System.arraycopy(runningVar, 0, c.runningVar, 0, hidden);
        return c;
    }

    /** Everything the training step needs from a forward pass. */
    static final class Pass {
        double[][] x;
        double[][] h;
        HeadMath.BatchNormCache bn;
        double[][] y;
        double[][] r;
        double[][] o;
        double[][] z;
    }

    /** Forward pass; training mode uses batch statistics and updates the running statistics. */
    Pass forward(double[][] x, boolean training, Workers w) {
        Pass p = new Pass();
        p.x = x;
        double[] w1t = slice(w1(), in * hidden);
        double[] g = slice(gamma(), hidden);
        double[] be = slice(beta(), hidden);
        p.h = HeadMath.linearForward(x, w1t, null, hidden, w);
        if (training) {
            HeadMath.BatchNormCache[] cache = new HeadMath.BatchNormCache[1];
            p.y = HeadMath.batchNormTrain(p.h, g, be, cache);
            p.bn = cache[0];
            HeadMath.updateRunning(p.bn, runningMean, runningVar);
        } else {
            p.y = HeadMath.batchNormEval(p.h, g, be, runningMean, runningVar);
        }
        p.r = HeadMath.relu(p.y);
        p.o = HeadMath.linearForward(p.r, slice(w2(), hidden * out), slice(b2(), out), out, w);
        p.z = HeadMath.l2Normalize(p.o);
        return p;
    }

    /**
     * Backward pass from the gradient of the normalised embeddings; returns the parameter gradient in the layout of
     * {@link #values}, and writes the input gradient to {@code inputGradient[0]} when that array is given.
     */
    double[] backward(Pass p, double[][] dz, double[][][] inputGradient, Workers w) {
        double[] grad = new double[values.length];
        double[][] dO = HeadMath.l2NormalizeBackward(p.o, p.z, dz);
        double[] gw2 = new double[hidden * out];
        double[] gb2 = new double[out];
        double[][] dr = HeadMath.linearBackward(p.r, slice(w2(), hidden * out), dO, gw2, gb2, true, w);
        double[][] dy = HeadMath.reluBackward(p.y, dr);
        double[] gg = new double[hidden];
        double[] gb = new double[hidden];
        double[][] dh = HeadMath.batchNormBackward(dy, slice(gamma(), hidden), p.bn, gg, gb);
        double[] gw1 = new double[in * hidden];
        double[][] dx = HeadMath.linearBackward(p.x, slice(w1(), in * hidden), dh, gw1, null,
                inputGradient != null, w);
        if (inputGradient != null) {
            inputGradient[0] = dx;
        }
        System.arraycopy(gw1, 0, grad, w1(), gw1.length);
        System.arraycopy(gg, 0, grad, gamma(), hidden);
        System.arraycopy(gb, 0, grad, beta(), hidden);
        System.arraycopy(gw2, 0, grad, w2(), gw2.length);
        System.arraycopy(gb2, 0, grad, b2(), out);
        return grad;
    }
}
