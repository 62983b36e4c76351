package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepTests {

    private static final Step.Rule RULE = Step.Rule.DEFAULT;

    @Test
    void sustainsAStepThatDrainsQuicklyWithoutErrorsAndWithBoundedLatency() {
        // given
        var step = step(200, 199.5, 0, Optional.of(Duration.ofMillis(400)), 30);

        // when
        List<String> violations = RULE.violations(step);

        // then
        assertThat(violations).isEmpty();
        assertThat(RULE.sustainable(step)).isTrue();
    }

    @Test
    void doesNotSustainAStepWithRequestErrors() {
        // given
        var step = step(200, 200, 3, Optional.of(Duration.ofMillis(400)), 30);

        // when
        List<String> violations = RULE.violations(step);

        // then
        assertThat(violations).containsExactly("3 request errors");
    }

    @Test
    void doesNotSustainAStepWhoseBacklogDrainsTooSlowlyOrNotAtAll() {
        // given
        var slow = step(300, 300, 0, Optional.of(Duration.ofMillis(4500)), 30);
        var never = step(300, 300, 0, Optional.empty(), 30);

        // when
        List<String> slowViolations = RULE.violations(slow);
        List<String> neverViolations = RULE.violations(never);

        // then
        assertThat(slowViolations).containsExactly("backlog did not drain within 3 s (took 4.5 s)");
        assertThat(neverViolations).containsExactly("backlog did not drain within 3 s");
    }

    @Test
    void doesNotSustainAStepWhoseP99ReachesTheLimit() {
        // given
        var step = step(300, 300, 0, Optional.of(Duration.ofMillis(100)), 1000);

        // when
        List<String> violations = RULE.violations(step);

        // then
        assertThat(violations).containsExactly("p99 placed->ready 1000 ms >= 1000 ms");
    }

    @Test
    void doesNotSustainAStepTheGeneratorCouldNotOffer() {
        // given 90% of the asked rate, below the 95% the rule wants
        var step = step(400, 360, 0, Optional.of(Duration.ofMillis(100)), 30);

        // when
        List<String> violations = RULE.violations(step);

        // then
        assertThat(violations).containsExactly("the generator offered only 360/s of 400/s");
    }

    private static Step step(int target, double offered, long errors, Optional<Duration> drain, long p99Millis) {
        var latency = new Latency(
                100,
                Duration.ofMillis(p99Millis / 2),
                Duration.ofMillis(p99Millis),
                Duration.ofMillis(p99Millis),
                Duration.ofMillis(p99Millis));
        return new Step(target, offered, 1000, 1000, errors, drain, Optional.of(latency));
    }
}
