package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

class ConfigTest {

    private static void rejects(String option, Executable e) {
        InvariantLabException ex = assertThrows(InvariantLabException.class, e);
        assertTrue(ex.getMessage().contains("'" + option + "'"), ex.getMessage());
    }

    @Test
    void defaultsAreTheReferenceSettings() {
        EncoderConfig e = EncoderConfig.defaults();
        assertEquals(List.of(64, 64, 64), e.hiddenWidths());
        assertEquals("swish", e.activation());
        assertEquals(1, e.latentSize());
        assertEquals("he", e.weightInit());
        assertEquals("float", e.dataType());
        assertEquals(Activation.SWISH, e.dl4jActivation());
        assertEquals(WeightInit.RELU, e.dl4jWeightInit());
        assertEquals(DataType.FLOAT, e.dl4jDataType());
        TrainingConfig t = TrainingConfig.defaults();
        assertEquals(e, t.encoder());
        assertEquals(80, t.epochs());
        assertEquals(256, t.batchSize());
        assertEquals(1e-3, t.learningRate());
        assertEquals("cosine", t.schedule());
        assertEquals(0, t.patience());
    }

    @Test
    void optionsAreCaseInsensitiveAndMapToDl4j() {
        EncoderConfig e = new EncoderConfig(List.of(8), " TanH ", 3, "Xavier", "DOUBLE");
        assertEquals("tanh", e.activation());
        assertEquals(Activation.TANH, e.dl4jActivation());
        assertEquals(WeightInit.XAVIER, e.dl4jWeightInit());
        assertEquals(DataType.DOUBLE, e.dl4jDataType());
        for (String a : EncoderConfig.ACTIVATIONS) {
            assertEquals(a, e.withActivation(a).activation());
        }
        assertEquals(Activation.GELU, e.withActivation("gelu").dl4jActivation());
        assertEquals("step", TrainingConfig.defaults().withSchedule("STEP").schedule());
    }

    @Test
    void invalidEncoderOptionsNameTheOption() {
        EncoderConfig d = EncoderConfig.defaults();
        rejects("activation", () -> d.withActivation("elu"));
        rejects("activation", () -> d.withActivation(null));
        rejects("weightInit", () -> d.withWeightInit("uniform"));
        rejects("dataType", () -> d.withDataType("half"));
        rejects("latentSize", () -> d.withLatentSize(0));
        rejects("hiddenWidths", () -> d.withHiddenWidths(List.of(64, 0)));
        rejects("hiddenWidths", () -> d.withHiddenWidths(null));
        rejects("hiddenWidths", () -> d.withHiddenWidths(Arrays.asList(64, null)));
        InvariantLabException ex = assertThrows(InvariantLabException.class, () -> d.withActivation("elu"));
        assertTrue(ex.getMessage().contains("swish, tanh, relu, softplus, sigmoid, gelu"), ex.getMessage());
    }

    @Test
    void invalidTrainingOptionsNameTheOption() {
        TrainingConfig d = TrainingConfig.defaults();
        rejects("encoder", () -> d.withEncoder(null));
        rejects("epochs", () -> d.withEpochs(0));
        rejects("batchSize", () -> d.withBatchSize(0));
        rejects("learningRate", () -> d.withLearningRate(0));
        rejects("learningRate", () -> d.withLearningRate(Double.NaN));
        rejects("learningRate", () -> d.withLearningRate(Double.POSITIVE_INFINITY));
        rejects("schedule", () -> d.withSchedule("exponential"));
        rejects("patience", () -> d.withPatience(-1));
    }

    @Test
    void schedules() {
        TrainingConfig c = TrainingConfig.defaults().withEpochs(5).withLearningRate(0.1);
        assertEquals(0.1, c.learningRateAt(0), 1e-15);
        assertEquals(0.001, c.learningRateAt(4), 1e-15);
        assertEquals(0.0505, c.learningRateAt(2), 1e-15);
        for (int e = 1; e < 5; e++) {
            assertTrue(c.learningRateAt(e) < c.learningRateAt(e - 1));
        }
        assertEquals(0.1, c.withEpochs(1).learningRateAt(0));
        TrainingConfig constant = c.withSchedule("constant");
        for (int e = 0; e < 5; e++) {
            assertEquals(0.1, constant.learningRateAt(e));
        }
        TrainingConfig step = c.withSchedule("step").withEpochs(8);
        double[] expected = {0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001};
        for (int e = 0; e < 8; e++) {
            assertEquals(expected[e], step.learningRateAt(e), 1e-15, "epoch " + e);
        }
        assertThrows(IllegalArgumentException.class, () -> c.learningRateAt(5));
    }
}
