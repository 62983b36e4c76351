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
    void sumsAPrometheusMeterOverItsTags() {
        // given
        String scrape = """
                # HELP coffeeshop_outbox_published_total events the broker acknowledged
                # TYPE coffeeshop_outbox_published_total counter
                coffeeshop_outbox_published_total{application="order-intake"} 1200.0
                coffeeshop_outbox_published_total{application="order-intake",extra="x"} 34.0
                coffeeshop_outbox_published_totalish 99.0
                coffeeshop_outbox_backlog 0.0
                """;

        // when
        double published = Intake.meter(scrape, "coffeeshop_outbox_published_total");
        double missing = Intake.meter(scrape, "coffeeshop_orders_placed_total");

        // then
        assertThat(published).isEqualTo(1234.0);
        assertThat(missing).isNaN();
    }

    @Test
    void readsUserAndSystemTimeFromProcStatEvenWithSpacesInTheCommandName() {
        // given utime 250 and stime 50 ticks
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 1000 0 0";

        // when
        double seconds = CpuTime.parse(stat);

        // then
        assertThat(seconds).isEqualTo(3.0);
    }

    @Test
    void countsTheMachinesBusyTimeWithoutIdleIoWaitOrGuestTime() {
        // given user 1000, nice 100, system 400, idle 9000, iowait 300, irq 50, softirq 50, steal 0, guest 20 and 0
        String cpu = "cpu  1000 100 400 9000 300 50 50 0 20 0";

        // when
        double busy = CpuTime.parseMachine(cpu);

        // then
        assertThat(busy).isEqualTo(16.0);
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
