package io.github.scllm.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scllm.core.classify.PythonOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The head's forward pass, the SupCon loss and every gradient on a fixed case against PyTorch (float64), in double
 * precision and in the single-precision training path, and two Adam steps of the training path. Uses the committed
 * output of benchmarks/learn/supcon_reference.py, and re-runs the script when the system interpreter has torch.
 */
class SupConTorchTest {
    private static final double TOL = 1e-5;
    /** Float rounding, amplified by 1/temperature in the loss and its gradients. */
    private static final double FLOAT_TOL = 2e-5;
    private static final Path COMMITTED = Path.of("src/test/resources/learn/supcon_torch.json");
    private static final Path SCRIPT = Path.of("../benchmarks/learn/supcon_reference.py");

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = PythonOracle.doubles(n.get(i));
        }
        return m;
    }

    private static double assertClose(double[][] expected, double[][] actual, String what) {
        return assertClose(expected, actual, TOL, what);
    }

    private static double assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(worst < tolerance, what + ": largest difference to PyTorch " + worst);
        return worst;
    }

    private static double[][] widen(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                d[i][j] = m[i][j];
            }
        }
        return d;
    }

    /** @return PyTorch's (out, in) weight matrix of an input-major float layer */
    private static double[][] outputMajor(float[][] inputMajor) {
        return widen(FloatHead.transpose(inputMajor, inputMajor[0].length));
    }

    private static double[][] inputMajor(double[] flat, int in, int out) {
        double[][] m = new double[out][in];
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                m[j][k] = flat[k * out + j];
            }
        }
        return m;
    }

    private static HeadParameters parameters(JsonNode e) {
        double[][] x = matrix(e.get("x"));
        double[][] w1 = matrix(e.get("w1"));
        double[][] w2 = matrix(e.get("w2"));
        int in = x[0].length;
        int hidden = w1.length;
        int out = w2.length;
        HeadParameters p = new HeadParameters(in, hidden, out);
        for (int j = 0; j < hidden; j++) {
            for (int k = 0; k < in; k++) {
                p.values[p.w1() + k * hidden + j] = w1[j][k];
            }
        }
        double[] gamma = PythonOracle.doubles(e.get("gamma"));
        double[] beta = PythonOracle.doubles(e.get("beta"));
        System.arraycopy(gamma, 0, p.values, p.gamma(), hidden);
        System.arraycopy(beta, 0, p.values, p.beta(), hidden);
        for (int m = 0; m < out; m++) {
            for (int j = 0; j < hidden; j++) {
                p.values[p.w2() + j * out + m] = w2[m][j];
            }
        }
        System.arraycopy(PythonOracle.doubles(e.get("b2")), 0, p.values, p.b2(), out);
        return p;
    }

    private static int[] labels(JsonNode e) {
        int[] labels = new int[e.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = e.get("labels").get(i).asInt();
        }
        return labels;
    }

    private static void check(JsonNode e) {
        checkDouble(e);
        checkFloat(e);
    }

    private static void checkDouble(JsonNode e) {
        double[][] x = matrix(e.get("x"));
        HeadParameters p = parameters(e);
        int in = p.in;
        int hidden = p.hidden;
        int out = p.out;
        int[] labels = labels(e);
        HeadParameters.Pass pass = p.forward(x, true, null);
        HeadMath.SupConResult loss = HeadMath.supCon(pass.z, labels, e.get("temperature").asDouble(), true, null);
        double[][][] dx = new double[1][][];
        double[] grad = p.backward(pass, loss.gradient(), dx, null);
        double lossDiff = Math.abs(e.get("loss").asDouble() - loss.loss());
        assertEquals(e.get("loss").asDouble(), loss.loss(), TOL, "loss");
        double worst = 0;
        worst = Math.max(worst, assertClose(matrix(e.get("z")), pass.z, "embeddings"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_z")), loss.gradient(), "gradient of embeddings"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_x")), dx[0], "gradient of input"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_w1")),
                inputMajor(java.util.Arrays.copyOfRange(grad, p.w1(), p.w1() + in * hidden), in, hidden), "grad w1"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("grad_gamma"))},
                new double[][] {java.util.Arrays.copyOfRange(grad, p.gamma(), p.gamma() + hidden)}, "grad gamma"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("grad_beta"))},
                new double[][] {java.util.Arrays.copyOfRange(grad, p.beta(), p.beta() + hidden)}, "grad beta"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_w2")),
                inputMajor(java.util.Arrays.copyOfRange(grad, p.w2(), p.w2() + hidden * out), hidden, out),
                "grad w2"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("grad_b2"))},
                new double[][] {java.util.Arrays.copyOfRange(grad, p.b2(), p.b2() + out)}, "grad b2"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("running_mean")),
            PythonOracle.doubles(e.get("running_var"))}, new double[][] {p.runningMean, p.runningVar},
                "running statistics"));
        System.out.printf("SupCon vs PyTorch: loss diff %.2e, largest other diff %.2e%n", lossDiff, worst);
    }

    /** The training path: float forward, loss and backward, then two Adam steps on the same rows. */
    private static void checkFloat(JsonNode e) {
        double[][] xd = matrix(e.get("x"));
        float[][] x = new float[xd.length][xd[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = (float) xd[i][j];
            }
        }
        FloatHead f = FloatHead.of(parameters(e));
        int[] labels = labels(e);
        double temperature = e.get("temperature").asDouble();
        FloatHead grad = FloatHead.zerosLike(f);
        FloatHead.Pass pass = f.forward(x, true, null);
        FloatHead.Loss loss = FloatHead.supCon(pass.z, labels, temperature, true, null);
        f.backward(pass, loss.gradient(), grad, null);
        assertEquals(e.get("loss").asDouble(), loss.value(), FLOAT_TOL, "float loss");
        double worst = Math.abs(e.get("loss").asDouble() - loss.value());
        worst = Math.max(worst, assertClose(matrix(e.get("z")), widen(pass.z), FLOAT_TOL, "float embeddings"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_z")), widen(loss.gradient()), FLOAT_TOL,
                "float gradient of embeddings"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_w1")), outputMajor(grad.w1), FLOAT_TOL,
                "float grad w1"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("grad_gamma")),
            PythonOracle.doubles(e.get("grad_beta"))}, widen(new float[][] {grad.gamma, grad.beta}), FLOAT_TOL,
                "float grad gamma, beta"));
        worst = Math.max(worst, assertClose(matrix(e.get("grad_w2")), outputMajor(grad.w2), FLOAT_TOL,
                "float grad w2"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("grad_b2"))},
                widen(new float[][] {grad.b2}), FLOAT_TOL, "float grad b2"));
        worst = Math.max(worst, assertClose(new double[][] {PythonOracle.doubles(e.get("running_mean")),
            PythonOracle.doubles(e.get("running_var"))}, widen(new float[][] {f.runningMean, f.runningVar}),
                FLOAT_TOL, "float running statistics"));
        FloatHead m = FloatHead.zerosLike(f);
        FloatHead v = FloatHead.zerosLike(f);
        ContrastiveTrainer.adam(f, grad, m, v, 1, RefineOptions.DEFAULTS, null);
        FloatHead.Pass second = f.forward(x, true, null);
        f.backward(second, FloatHead.supCon(second.z, labels, temperature, true, null).gradient(), grad, null);
        ContrastiveTrainer.adam(f, grad, m, v, 2, RefineOptions.DEFAULTS, null);
        JsonNode after = e.get("after_two_adam_steps");
        // each step moves a parameter by about the learning rate (1e-3): a far smaller tolerance checks the update
        double adamTol = 2e-6;
        double adamWorst = assertClose(matrix(after.get("w1")), outputMajor(f.w1), adamTol, "w1 after Adam");
        adamWorst = Math.max(adamWorst, assertClose(new double[][] {PythonOracle.doubles(after.get("gamma")),
            PythonOracle.doubles(after.get("beta")), PythonOracle.doubles(after.get("b2"))},
                widen(new float[][] {f.gamma, f.beta, f.b2}), adamTol, "gamma, beta, b2 after Adam"));
        adamWorst = Math.max(adamWorst, assertClose(matrix(after.get("w2")), outputMajor(f.w2), adamTol,
                "w2 after Adam"));
        System.out.printf("Float SupCon vs PyTorch: largest diff %.2e; after two Adam steps %.2e%n", worst,
                adamWorst);
    }

    @Test
    void headAndLossMatchCommittedPyTorchOutput() throws Exception {
        check(PythonOracle.read(COMMITTED));
    }

    @Test
    void headAndLossMatchFreshPyTorchRun() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PythonOracle.hasModules("torch", "numpy"),
                "PyTorch is not installed for /usr/bin/python3 (Debian package python3-torch)");
        Path out = Files.createTempFile("supcon-torch", ".json");
        try {
            check(PythonOracle.run(SCRIPT, List.of(), out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
