package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;

import java.time.Duration;
import java.util.List;

/**
 * CI's correctness run under load: a moderate rate the stack's default barista speed keeps up with ({@code -Drate},
 * default 4 per second) for {@code -Dduration} seconds (default 30), under two minutes in all. Asserts no failed
 * request, which means every order final in time and as its kind must end, and each retry answered with its order.
 */
public class SmokeSimulation extends OrderSimulation {

    private final double rate = LoadSettings.rate("rate", 4);
    private final Duration duration = LoadSettings.seconds("duration", 30);

    public SmokeSimulation() {
        super(60);
        setUp(customers
                        .arriving("smoke", SEED)
                        .injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(Customers.intake())
                // a stuck run fails rather than holding CI: injection, then the last orders' time to finish
                .maxDuration(duration.plus(LoadSettings.followTimeout(60)).plusSeconds(15))
                .assertions(
                        noFailedRequests(),
                        details("retried with the same key", "place again, same key")
                                .failedRequests()
                                .count()
                                .is(0L),
                        details("ordinary", "final state")
                                .failedRequests()
                                .count()
                                .is(0L),
                        details("sold out", "final state")
                                .failedRequests()
                                .count()
                                .is(0L));
    }

    @Override
    List<Completions.Window> windows() {
        return List.of(window("%.0f/s".formatted(rate), Duration.ZERO, duration));
    }
}
