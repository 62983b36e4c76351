package dev.coffeeshop.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DemoReportTests {

    @Test
    void countsOutcomesAgainstExpectationsIncludingOrdersThatNeverFinished() {
        // given
        var ready = tracked(1, Outcome.READY);
        ready.accepted("a");
        ready.finished("READY", Duration.ofMillis(300));
        var stuck = tracked(2, Outcome.REFUNDED);
        stuck.accepted("b");
        var declined = tracked(3, Outcome.DECLINED);
        declined.finished("DECLINED", null);

        // when
        Map<String, int[]> counts = DemoReport.outcomeCounts(List.of(ready, stuck, declined));

        // then
        assertThat(counts.get("READY")).containsExactly(1, 1);
        assertThat(counts.get("REFUNDED")).containsExactly(1, 0);
        assertThat(counts.get("DECLINED")).containsExactly(1, 1);
        assertThat(counts.get("unfinished (PLACED)")).containsExactly(0, 1);
    }

    @Test
    void rendersLatencyPercentilesAndNamesEveryOrderThatWentWrong() {
        // given
        var fast = tracked(1, Outcome.READY);
        fast.accepted("fast");
        fast.finished("READY", Duration.ofMillis(200));
        var wrong = tracked(2, Outcome.READY);
        wrong.accepted("wrong");
        wrong.finished("REFUNDED", null);

        // when
        String report = DemoReport.render(List.of(fast, wrong), Duration.ofMillis(100), Duration.ofSeconds(2));

        // then
        assertThat(report)
                .contains("p50 200 ms")
                .contains("1 of 2 orders did not end as expected")
                .contains("wrong")
                .contains("expected READY");
    }

    @Test
    void measuresPlacedToReadyFromTheOrdersOwnTimeline() {
        // given
        var order = JsonMapper.builder().build().readTree("""
                {"id":"x","status":"READY","timeline":[
                  {"status":"PLACED","at":"2026-11-23T10:00:00.100Z","detail":null},
                  {"status":"READY","at":"2026-11-23T10:00:00.475Z","detail":null}]}""");

        // when
        Duration latency = Demo.placedToReady(order);

        // then
        assertThat(latency).isEqualTo(Duration.ofMillis(375));
    }

    private static TrackedOrder tracked(int number, Outcome expected) {
        return new TrackedOrder(new PlannedOrder(number, expected, "key-" + number, Map.of("items", List.of())));
    }
}
