package org.invariantlab.core.train;

import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;

/** Heads for the trainer tests, written from their definitions so the tests do not depend on the built-ins. */
final class TestHeads {

    private TestHeads() {
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    private static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    /**
     * {@code logit = a − b·|z − z'|²}, {@code θ = (a, log b)}, mean binary cross-entropy, {@code p = σ(logit)};
     * gradients of the mean loss.
     */
    static class DistanceLogistic implements NetworkHead {
        @Override
        public String id() {
            return "test-distance-logistic";
        }

        @Override
        public String description() {
            return "test distance-logistic head";
        }

        @Override
        public boolean accepts(BatchLayout layout) {
            return layout instanceof BatchLayout.Pairs;
        }

        @Override
        public double[] initialParameters(Parameters parameters) {
            return new double[] {2.0, 0.0};
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            BatchLayout.Pairs pairs = (BatchLayout.Pairs) batch.layout();
            int n = pairs.pairs();
            int k = batch.latentSize();
            double[] z = batch.latents();
            double[] y = pairs.labels();
            double a = theta[0];
            double b = Math.exp(theta[1]);
            double[] dz = new double[z.length];
            double[] p = new double[n];
            double loss = 0;
            double da = 0;
            double dlogb = 0;
            for (int i = 0; i < n; i++) {
                double d2 = 0;
                for (int j = 0; j < k; j++) {
                    double diff = z[i * k + j] - z[(n + i) * k + j];
                    d2 += diff * diff;
                }
                double logit = a - b * d2;
                loss += softplus(logit) - y[i] * logit;
                p[i] = sigmoid(logit);
                double g = (p[i] - y[i]) / n;
                da += g;
                dlogb -= b * d2 * g;
                for (int j = 0; j < k; j++) {
                    double diff = z[i * k + j] - z[(n + i) * k + j];
                    dz[i * k + j] = -2 * b * diff * g;
                    dz[(n + i) * k + j] = 2 * b * diff * g;
                }
            }
            return new HeadOutput(loss / n, dz, new double[] {da, dlogb}, p);
        }
    }

    /**
     * Ha &amp; Jeong's loss on latent 0, averaged over groups:
     * {@code Var_G f(x) + β·|Q − Var_G f(x + δ)|} with {@code β = Q = 1}; no parameters, no probabilities.
     */
    static class Variance implements NetworkHead {
        @Override
        public String id() {
            return "test-variance";
        }

        @Override
        public String description() {
            return "test noise-variance head";
        }

        @Override
        public boolean accepts(BatchLayout layout) {
            return layout instanceof BatchLayout.Groups;
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            BatchLayout.Groups g = (BatchLayout.Groups) batch.layout();
            int groups = g.groups();
            int m = g.perGroup();
            int q = g.perturbedPerGroup();
            int k = batch.latentSize();
            double[] z = batch.latents();
            double[] dz = new double[z.length];
            double loss = 0;
            for (int c = 0; c < groups; c++) {
                int orig = c * m;
                int pert = groups * m + c * q;
                double mean = 0;
                for (int i = 0; i < m; i++) {
                    mean += z[(orig + i) * k];
                }
                mean /= m;
                double var = 0;
                for (int i = 0; i < m; i++) {
                    double e = z[(orig + i) * k] - mean;
                    var += e * e;
                    dz[(orig + i) * k] = 2 * e / m / groups;
                }
                var /= m;
                double pm = 0;
                for (int i = 0; i < q; i++) {
                    pm += z[(pert + i) * k];
                }
                pm /= q;
                double pv = 0;
                for (int i = 0; i < q; i++) {
                    double e = z[(pert + i) * k] - pm;
                    pv += e * e;
                }
                pv /= q;
                double sign = Math.signum(1.0 - pv);
                for (int i = 0; i < q; i++) {
                    double e = z[(pert + i) * k] - pm;
                    dz[(pert + i) * k] = -sign * 2 * e / q / groups;
                }
                loss += var + Math.abs(1.0 - pv);
            }
            return new HeadOutput(loss / groups, dz, new double[0], new double[0]);
        }
    }

    /**
     * The distance-logistic head, except that from call {@code failAt} (1-based, counting training and
     * validation calls) on it returns a NaN loss, or, with {@code gradient}, an infinite latent gradient.
     */
    static final class FailingAfter extends DistanceLogistic {
        private final int failAt;
        private final boolean gradient;
        private int calls;

        FailingAfter(int failAt) {
            this(failAt, false);
        }

        FailingAfter(int failAt, boolean gradient) {
            this.failAt = failAt;
            this.gradient = gradient;
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            HeadOutput out = super.evaluate(batch, theta, parameters);
            calls++;
            if (calls < failAt) {
                return out;
            }
            if (gradient) {
                double[] dz = out.latentGradient();
                dz[0] = Double.POSITIVE_INFINITY;
                return new HeadOutput(out.loss(), dz, out.headGradient(), out.sameProbability());
            }
            return new HeadOutput(Double.NaN, out.latentGradient(), out.headGradient(), out.sameProbability());
        }
    }

    /** A constant loss with zero gradients: training never improves it. */
    static final class Constant extends DistanceLogistic {
        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            HeadOutput out = super.evaluate(batch, theta, parameters);
            return new HeadOutput(1.0, new double[out.latentGradient().length], new double[theta.length],
                    out.sameProbability());
        }
    }
}
