package org.invariantlab.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared linear algebra against results known in closed form. */
class LinalgTest {

    /** Backward-stable algorithms on matrices of norm ~1 and size ≤ 6: errors are tens of ulps. */
    private static final double ROUNDING = 1e-13;

    private static double[] random(SplittableRandom rng, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return v;
    }

    @Test
    void gramSchmidtGivesAnOrthonormalBasisAndDropsDependentVectors() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = random(rng, 5);
        double[] b = random(rng, 5);
        double[] sum = new double[5];
        for (int i = 0; i < 5; i++) {
            sum[i] = 2 * a[i] - 3 * b[i];
        }
        double[][] q = Linalg.orthonormalBasis(List.of(a, new double[5], b, sum), 1e-6);
        assertEquals(2, q.length);
        assertEquals(1.0, Linalg.norm(q[0]), ROUNDING);
        assertEquals(1.0, Linalg.norm(q[1]), ROUNDING);
        assertEquals(0.0, Linalg.dot(q[0], q[1]), ROUNDING);
        assertEquals(0.0, Linalg.norm(Linalg.projectOut(sum, q)), ROUNDING);
    }

    @Test
    void jacobiFindsTheEigenvaluesOfASymmetricMatrix() {
        SplittableRandom rng = new SplittableRandom(2);
        List<double[]> vectors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vectors.add(random(rng, 5));
        }
        double[][] q = Linalg.orthonormalBasis(vectors, 1e-6);
        double[] lambda = {3.5, 2.0, 1.0, -0.25, -4.0};
        double[][] s = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 5; k++) {
                    s[i][j] += q[k][i] * lambda[k] * q[k][j];
                }
            }
        }
        assertArrayEquals(lambda, Linalg.symmetricEigenvalues(s), ROUNDING);
        assertArrayEquals(new double[] {2, 2}, Linalg.symmetricEigenvalues(new double[][] {{2, 0}, {0, 2}}), 0);
    }

    @Test
    void principalCosinesOfKnownAngles() {
        double a1 = 0.3;
        double a2 = 1.1;
        double[][] a = {{1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}};
        double[][] b = {{Math.cos(a1), 0, Math.sin(a1), 0, 0}, {0, Math.cos(a2), 0, Math.sin(a2), 0}};
        assertArrayEquals(new double[] {Math.cos(a1), Math.cos(a2)}, Linalg.principalCosines(a, b), ROUNDING);
        assertArrayEquals(new double[] {Math.cos(a1), 0}, Linalg.principalCosines(a, new double[][] {b[0]}), ROUNDING);
        assertArrayEquals(new double[] {Math.cos(a1)}, Linalg.principalCosines(new double[][] {a[0]}, b), ROUNDING);
    }

    @Test
    void leastSquaresResidualOfExactAndNoisyFits() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 200;
        double[] x = new double[n];
        double[] ones = new double[n];
        double[] y = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            ones[i] = 1;
            y[i] = 1.5 - 2 * x[i];
            noise[i] = i % 2 == 0 ? 0.1 : -0.1;
        }
        assertEquals(0.0, Linalg.leastSquaresResidual(new double[][] {ones, x}, y, 1e-10), ROUNDING);
        assertEquals(0.0, Linalg.leastSquaresResidual(new double[][] {ones, x, x.clone()}, y, 1e-10), ROUNDING,
                "a duplicated column is skipped");
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) {
            noisy[i] = y[i] + noise[i];
        }
        // the residual of a fit on the constant alone is the sum of squared deviations from the mean
        double mean = 0;
        for (double v : noisy) {
            mean += v / n;
        }
        double tss = 0;
        for (double v : noisy) {
            tss += (v - mean) * (v - mean);
        }
        assertEquals(tss, Linalg.leastSquaresResidual(new double[][] {ones}, noisy, 1e-10), tss * ROUNDING);
    }

    @Test
    void jacobiEigenvectorsReconstructTheMatrix() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 6;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 2 * rng.nextDouble() - 1;
                s[i][j] = v;
                s[j][i] = v;
            }
        }
        Linalg.Eigen e = Linalg.symmetricEigen(s);
        for (int r = 1; r < n; r++) {
            assertTrue(e.values()[r - 1] >= e.values()[r], "largest first");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                for (int r = 0; r < n; r++) {
                    rebuilt += e.values()[r] * e.vectors()[r][i] * e.vectors()[r][j];
                }
                assertEquals(s[i][j], rebuilt, ROUNDING, "V Λ Vᵀ at " + i + "," + j);
                assertEquals(i == j ? 1.0 : 0.0, Linalg.dot(e.vectors()[i], e.vectors()[j]), ROUNDING, "orthonormal");
            }
        }
    }

    /** {@code MᵀM} for a random {@code rank × n} matrix {@code M}: symmetric, positive semi-definite, of that rank. */
    private static double[][] gram(SplittableRandom rng, int n, int rank) {
        double[][] m = new double[rank][];
        for (int i = 0; i < rank; i++) {
            m[i] = random(rng, n);
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < rank; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
        }
        return a;
    }

    @Test
    void theCholeskyPathSolvesWellConditionedSystemsAndSingularOnesFallBackToTheMinimumNorm() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 6;
        double[][] a = gram(rng, n, n);
        for (int i = 0; i < n; i++) {
            a[i][i] += 0.5; // well conditioned: eigenvalues at least 0.5
        }
        double[] x = random(rng, n);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = Linalg.dot(a[i], x);
        }
        assertArrayEquals(x, Linalg.solveWellConditioned(a, b), ROUNDING * 100, "the factorisation");
        assertArrayEquals(x, Linalg.solveSymmetric(a, b), ROUNDING * 100);
        // rank 1: diag(1, 0) has no Cholesky factor; the pseudo-inverse gives the minimum-norm (1, 0)
        double[][] singular = {{1, 0}, {0, 0}};
        assertEquals(null, Linalg.solveWellConditioned(singular, new double[] {1, 0}));
        assertArrayEquals(new double[] {1, 0}, Linalg.solveSymmetric(singular, new double[] {1, 0}), ROUNDING);
    }

    @Test
    void theLargeNearSingularPathGivesTheJacobiPseudoInverse() {
        SplittableRandom rng = new SplittableRandom(10);
        int n = Linalg.JACOBI_SOLVE_LIMIT + 6;
        double[][] a = gram(rng, n, n - 4);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = Linalg.dot(a[i], random(rng, n));
        }
        assertEquals(null, Linalg.solveWellConditioned(a, b), "rank-deficient: no Cholesky factor");
        Linalg.Eigen e = Linalg.jacobiEigen(a);
        double[] jacobi = new double[n];
        for (int r = 0; r < n; r++) {
            if (e.values()[r] > Linalg.PSEUDO_INVERSE_TOLERANCE * e.values()[0]) {
                double c = Linalg.dot(e.vectors()[r], b) / e.values()[r];
                for (int i = 0; i < n; i++) {
                    jacobi[i] += c * e.vectors()[r][i];
                }
            }
        }
        // the two pseudo-inverses agree to the conditioning of the kept eigenvalues times rounding
        assertArrayEquals(jacobi, Linalg.pseudoInverseLarge(a, b), 1e-8);
    }

    @Test
    void theHouseholderEigenpairsOfTheLargePseudoInverseAgreeWithJacobi() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = Linalg.JACOBI_SOLVE_LIMIT + 16;
        int rank = n - 5;
        double[][] a = gram(rng, n, rank);
        Linalg.Eigen jacobi = Linalg.jacobiEigen(a);
        Linalg.Eigen large = Linalg.householderEigen(a);
        double top = jacobi.values()[0];
        for (int r = 0; r < n; r++) {
            // both backward stable: eigenvalues agree to rounding relative to the largest (n·ε·λ_max, with margin)
            assertEquals(jacobi.values()[r], large.values()[r], 1e3 * n * Math.ulp(1.0) * top, "eigenvalue " + r);
            if (r > 0) {
                assertTrue(large.values()[r - 1] >= large.values()[r], "largest first");
            }
        }
        for (int r = rank; r < n; r++) {
            assertEquals(0, large.values()[r], 1e3 * n * Math.ulp(1.0) * top, "the rank-" + rank + " Gram matrix's null "
                    + "eigenvalue " + r);
        }
        for (int r = 0; r < n; r++) {
            double[] v = large.vectors()[r];
            assertEquals(1, Linalg.norm(v), 1e-12, "unit eigenvector " + r);
            for (int i = 0; i < n; i++) {
                // A v = λ v to rounding relative to ‖A‖
                assertEquals(large.values()[r] * v[i], Linalg.dot(a[i], v), 1e3 * n * Math.ulp(1.0) * top,
                        "A v = λ v, eigenvector " + r + " row " + i);
            }
        }
        // the null space is the same: its projector from either decomposition
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double pj = 0;
                double pl = 0;
                for (int r = rank; r < n; r++) {
                    pj += jacobi.vectors()[r][i] * jacobi.vectors()[r][j];
                    pl += large.vectors()[r][i] * large.vectors()[r][j];
                }
                assertEquals(pj, pl, 1e-8, "null-space projector at " + i + "," + j);
            }
        }
    }
}
