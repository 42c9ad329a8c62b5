package org.invariantlab.plugins.hajeong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.core.train.EncoderConfig;
import org.invariantlab.core.train.Trainer;
import org.invariantlab.core.train.TrainingConfig;
import org.invariantlab.core.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * A tiny end-to-end training through the host's {@link Trainer} with the plugin's sampler, fresh perturbations
 * and head on S1: the learned latent tracks the invariant on held-out groups.
 */
class HaJeongTrainingTest {

    /**
     * |Pearson r| between the latent and C on 10 held-out groups: measured 0.938 for this run (seeds 1–4,
     * OMP_NUM_THREADS=1); the bound leaves room for BLAS rounding differences between machines.
     */
    private static final double MIN_ABS_PEARSON = 0.8;

    @Test
    void learnedLatentCorrelatesWithTheInvariantOfS1() {
        SystemModel model = new S1System().configure(Parameters.empty());
        GroupedData train = model.sample(new SamplingRequest(20, 20, 1L));
        GroupedData test = model.sample(new SamplingRequest(10, 20, 2L));
        HaJeongSampler sampler = new HaJeongSampler();
        Parameters samplerParameters = Parameters.resolve(HaJeongSampler.ID, sampler.parameters(), Map.of());
        GroupExamples examples = sampler.examples(train, samplerParameters, 3L);
        NoiseVarianceHead head = new NoiseVarianceHead();
        Parameters headParameters = Parameters.resolve(NoiseVarianceHead.ID, head.parameters(), Map.of());
        TrainingConfig config = TrainingConfig.defaults()
                .withEncoder(EncoderConfig.defaults().withHiddenWidths(List.of(32, 32)).withDataType("double"))
                .withEpochs(150).withBatchSize(4).withLearningRate(3e-3).withSeed(4L);
        TrainingResult a = new Trainer().train(config, examples, null, head, headParameters,
                sampler.perturbation(samplerParameters).orElseThrow(), null);
        TrainingResult b = new Trainer().train(config, examples, null, head, headParameters,
                sampler.perturbation(samplerParameters).orElseThrow(), null);
        assertEquals(a.history().stream().map(e -> e.trainLoss()).toList(),
                b.history().stream().map(e -> e.trainLoss()).toList(), "same seed, same run");

        double[] states = test.values();
        double[] f = a.encoder().latents(states);
        double[] c = new double[test.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = S1System.C.value(test.state(i / 20, i % 20));
        }
        double r = pearson(f, c);
        assertTrue(Math.abs(r) >= MIN_ABS_PEARSON, "|Pearson r| = " + Math.abs(r) + ", loss " + a.best().trainLoss());
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
