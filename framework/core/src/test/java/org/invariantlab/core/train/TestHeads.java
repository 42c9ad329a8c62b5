package org.invariantlab.core.train;

import java.util.Map;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.core.builtin.DistanceLogisticHead;

/** Heads for the trainer tests: the built-in distance-logistic head under a test id, a group-variance head, and failure injectors. */
final class TestHeads {

    private TestHeads() {
    }

    /**
     * The built-in distance-logistic head ({@code logit = a − b·|z − z'|²}, its gradients checked against finite
     * differences in {@code DistanceLogisticHeadTest}) at its default parameters, under a test id, so that the
     * failure-injecting heads below can extend it.
     */
    static class DistanceLogistic implements NetworkHead {
        private final DistanceLogisticHead head = new DistanceLogisticHead();
        private final Parameters defaults = Parameters.resolve(head.id(), head.parameters(), Map.of());

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
            return head.accepts(layout);
        }

        @Override
        public double[] initialParameters(Parameters parameters) {
            return head.initialParameters(defaults);
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            return head.evaluate(batch, theta, defaults);
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
            return layout instanceof BatchLayout.Grouped;
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            BatchLayout.Grouped g = (BatchLayout.Grouped) batch.layout();
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
