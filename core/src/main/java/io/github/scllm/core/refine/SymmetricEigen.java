package io.github.scllm.core.refine;

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (double precision). */
final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * @param a symmetric m x m matrix, destroyed
     * @param values receives the eigenvalues in descending order
     * @return eigenvectors as columns: vectors[row][k] belongs to values[k]
     */
    static double[][] decompose(double[][] a, double[] values) {
        int m = a.length;
        double[][] v = new double[m][m];
        for (int i = 0; i < m; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < m; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < m; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < m; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < m; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < m; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[][] sorted = new double[m][m];
        for (int k = 0; k < m; k++) {
            values[k] = a[order[k]][order[k]];
            for (int i = 0; i < m; i++) {
                sorted[i][k] = v[i][order[k]];
            }
        }
        return sorted;
    }
}
