package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    @Test
    void theDefaultsNeedLittleAndAHugeRunIsRefusedWithAdvice() {
        MemoryEstimate defaults = MemoryEstimate.of(RunSpec.of("em"), 6, 2, 1);
        assertTrue(defaults.bytes() > 30_000_000 && defaults.bytes() < 300_000_000, "defaults: " + defaults.bytes());
        defaults.check(512L << 20);

        // measured: 25 million EM groups passed validation and ran out of memory after 177 s
        RunSpec huge = RunSpec.of("em").withData(new RunSpec.Data(25_000_000, 5_000, 10_000, 2));
        MemoryEstimate e = MemoryEstimate.of(huge, 6, 2, 1);
        assertTrue(e.bytes() > 10_000_000_000L, "at least the 7.6 GB of states and pairs: " + e.bytes());
        InvariantLabException refused = assertThrows(InvariantLabException.class, () -> e.check(4L << 30));
        assertTrue(refused.getMessage().contains("--train-groups") && refused.getMessage().contains("JAVA_OPTS=-Xmx"),
                refused.getMessage());
    }
}
