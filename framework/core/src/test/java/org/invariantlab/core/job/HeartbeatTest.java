package org.invariantlab.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.invariantlab.core.train.EpochStats;
import org.junit.jupiter.api.Test;

/** A silent step says it is still running while it runs, and nothing once it is over. */
class HeartbeatTest {

    @Test
    void saysStillWhileTheStepRunsAndStopsWithIt() throws InterruptedException {
        List<String> said = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void stage(String message) {
                said.add(message);
            }

            @Override
            public void epochCompleted(EpochStats stats) {
            }
        };
        try (Heartbeat h = Heartbeat.during(listener, "reading the latent as a formula", 40)) {
            Thread.sleep(300); // a period of 40 ms: about seven messages, at least two on a loaded machine
        }
        int n = said.size();
        assertTrue(n >= 2, "messages while the step ran: " + said);
        assertTrue(said.get(0).startsWith("… still reading the latent as a formula ("), said.get(0));
        Thread.sleep(200);
        assertEquals(n, said.size(), "nothing after the step: " + said);
    }
}
