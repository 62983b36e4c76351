package dev.coffeeshop.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of the staircase of arrival rates: what was asked, what was offered and what came of it.
 *
 * @param targetRate the arrival rate asked for, orders per second
 * @param offeredRate the rate the generator actually achieved (it shares the machine with the system)
 * @param placed orders the cashier accepted (202)
 * @param ready of those, the ones that reached READY
 * @param errors requests without a 202, and arrivals dropped because too many requests were already in flight
 * @param drain how long after the last arrival the last accepted order of the step was READY; empty when it was not
 *     within the time the bench waited
 * @param placedToReady placed-to-ready latency of a sample of the step's orders, from the order's own timeline
 */
record Step(
        int targetRate,
        double offeredRate,
        long placed,
        long ready,
        long errors,
        Optional<Duration> drain,
        Optional<Latency> placedToReady) {

    /** When a rate counts as sustained: backlog drains soon, nothing fails, latency stays bounded. */
    record Rule(Duration drainBudget, Duration p99Limit, double minimumOfferedShare) {

        static final Rule DEFAULT = new Rule(Duration.ofSeconds(3), Duration.ofSeconds(1), 0.95);

        /** Why {@code step} was not sustainable; empty when it was. */
        List<String> violations(Step step) {
            var reasons = new ArrayList<String>();
            if (step.errors() > 0) {
                reasons.add(step.errors() + " request errors");
            }
            if (step.drain().isEmpty() || step.drain().get().compareTo(drainBudget) > 0) {
                reasons.add("backlog did not drain within " + drainBudget.toSeconds() + " s"
                        + step.drain()
                                .map(d -> " (took %.1f s)".formatted(d.toMillis() / 1000.0))
                                .orElse(""));
            }
            if (step.placedToReady().isEmpty()) {
                reasons.add("no placed-to-ready samples");
            } else if (step.placedToReady().get().p99().compareTo(p99Limit) >= 0) {
                reasons.add("p99 placed->ready %d ms >= %d ms"
                        .formatted(step.placedToReady().get().p99().toMillis(), p99Limit.toMillis()));
            }
            if (step.offeredRate() < minimumOfferedShare * step.targetRate()) {
                reasons.add(
                        "the generator offered only %.0f/s of %d/s".formatted(step.offeredRate(), step.targetRate()));
            }
            return reasons;
        }

        boolean sustainable(Step step) {
            return violations(step).isEmpty();
        }
    }
}
