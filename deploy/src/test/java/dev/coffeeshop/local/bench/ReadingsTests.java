package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the bench reads off the system: an order's timeline, a process's resident set. */
class ReadingsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void takesPlacedToReadyFromTheOrdersOwnTimeline() {
        // given
        var order = JSON.readTree("""
                {"id": "6f1c", "status": "READY", "timeline": [
                  {"status": "PLACED", "at": "2026-12-01T15:00:00.010Z", "detail": null},
                  {"status": "READY", "at": "2026-12-01T15:00:00.035Z", "detail": null}]}""");

        // when
        Optional<Duration> latency = Intake.placedToReady(order);

        // then
        assertThat(latency).contains(Duration.ofMillis(25));
    }

    @Test
    void hasNoPlacedToReadyForAnOrderNotReady() {
        // given
        var order = JSON.readTree("""
                {"status": "PLACED", "timeline": [{"status": "PLACED", "at": "2026-12-01T15:00:00Z"}]}""");

        // when
        Optional<Duration> latency = Intake.placedToReady(order);

        // then
        assertThat(latency).isEmpty();
    }

    @Test
    void readsTheResidentSetFromProcStatus() {
        // given
        String status = "Name:\tjava\nVmPeak:\t 2865540 kB\nVmRSS:\t  301232 kB\nRssAnon:\t  280000 kB\n";

        // when
        Optional<Long> kilobytes = ResidentMemory.parse(status);

        // then
        assertThat(kilobytes).contains(301232L);
    }
}
