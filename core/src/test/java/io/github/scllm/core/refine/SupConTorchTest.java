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
 * The head's forward pass, the SupCon loss and every gradient on a fixed case against PyTorch (float64). Uses the
 * committed output of benchmarks/learn/supcon_reference.py, and re-runs the script when the system interpreter has
 * torch.
 */
class SupConTorchTest {
    private static final double TOL = 1e-5;
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
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(worst < TOL, what + ": largest difference to PyTorch " + worst);
        return worst;
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

    private static void check(JsonNode e) {
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
        int[] labels = new int[x.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = e.get("labels").get(i).asInt();
        }
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
