package org.invariantlab.core.train;

import org.bytedeco.openblas.global.openblas;

/**
 * The dense products of {@link JacobianKernel} and {@link FloatJacobianKernel}: GEMMs through {@code cblas_dgemm}
 * and {@code cblas_sgemm} of the OpenBLAS
 * that ND4J itself ships ({@code org.bytedeco:openblas}), called directly on Java arrays. Measured on this
 * project's machine (2026-12-02, one thread, 256 × 64 by 64 × 64): 57 µs per product against 361 µs for a
 * register-blocked Java loop, and against ≈ 440 µs for ND4J's own {@code mmul} of the same float product, whose
 * per-op machinery, not arithmetic, is the cost.
 *
 * <p>Matrices are row-major arrays from index 0. A DL4J weight matrix {@code W} ({@code nIn × nOut} in 'f' order)
 * is, read row-major, {@code Wᵀ} ({@code nOut × nIn}); the methods take it in that form.
 */
final class Gemm {

    private Gemm() {
    }

    /** {@code C += A·W}: {@code A} is {@code n × nIn}, {@code W} a DL4J weight matrix, {@code C} is {@code n × nOut}. */
    static void timesWeights(double[] a, double[] w, double[] c, int n, int nIn, int nOut) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, n, nOut, nIn, 1.0,
                a, nIn, w, nIn, 1.0, c, nOut);
    }

    /** {@code C = A·Wᵀ}: {@code A} is {@code n × nOut}, {@code W} a DL4J weight matrix, {@code C} is {@code n × nIn}. */
    static void timesWeightsTransposed(double[] a, double[] w, double[] c, int n, int nIn, int nOut) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, nIn, nOut, 1.0,
                a, nOut, w, nIn, 0.0, c, nIn);
    }

    /**
     * {@code G += Aᵀ·B} into a DL4J weight gradient ({@code nIn × nOut} in 'f' order): {@code A} is {@code n × nIn},
     * {@code B} is {@code n × nOut}; that is {@code ∂L/∂W[i, j] += Σ_r A[r, i]·B[r, j]}.
     */
    static void accumulateWeightGradient(double[] a, double[] b, double[] g, int n, int nIn, int nOut) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, nOut, nIn, n, 1.0,
                b, nOut, a, nIn, 1.0, g, nIn);
    }

    /** {@link #timesWeights(double[], double[], double[], int, int, int)} in single precision ({@code cblas_sgemm}). */
    static void timesWeights(float[] a, float[] w, float[] c, int n, int nIn, int nOut) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, n, nOut, nIn, 1f,
                a, nIn, w, nIn, 1f, c, nOut);
    }

    /** {@link #timesWeightsTransposed(double[], double[], double[], int, int, int)} in single precision. */
    static void timesWeightsTransposed(float[] a, float[] w, float[] c, int n, int nIn, int nOut) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, nIn, nOut, 1f,
                a, nOut, w, nIn, 0f, c, nIn);
    }

    /** {@link #accumulateWeightGradient(double[], double[], double[], int, int, int)} in single precision. */
    static void accumulateWeightGradient(float[] a, float[] b, float[] g, int n, int nIn, int nOut) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, nOut, nIn, n, 1f,
                b, nOut, a, nIn, 1f, g, nIn);
    }
}
