package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a step or form may call a monitor. */
class MonitorTest {

    @Test
    void aMonitorIsNamedByItsSegmentItsFirstWordOrItsConstantInAnyCase() {
        assertEquals(Optional.of(Monitor.DRIFT_DETECTOR), Monitor.named("drift-detector"));
        assertEquals(Optional.of(Monitor.DRIFT_DETECTOR), Monitor.named(" Drift "));
        assertEquals(Optional.of(Monitor.OUTLIER_DETECTOR), Monitor.named("OUTLIER_DETECTOR"));
        assertEquals(Optional.of(Monitor.METRICS_SERVER), Monitor.named("metrics"));
    }

    @Test
    void anythingElseNamesNoMonitor() {
        for (String other : new String[] {null, "", "detector", "drift-", "drift-detectors", "metric"}) {
            assertEquals(Optional.empty(), Monitor.named(other), other);
        }
    }

    @Test
    void eachMonitorIsSentAsItsSegmentAndShownInWords() {
        assertEquals("drift-detector", Monitor.DRIFT_DETECTOR.segment());
        assertEquals("outlier-detector", Monitor.OUTLIER_DETECTOR.segment());
        assertEquals("metrics-server", Monitor.METRICS_SERVER.segment());
        assertEquals("drift detector", Monitor.DRIFT_DETECTOR.text());
        assertEquals("outlier detector", Monitor.OUTLIER_DETECTOR.text());
        assertEquals("metrics server", Monitor.METRICS_SERVER.text());
    }
}
