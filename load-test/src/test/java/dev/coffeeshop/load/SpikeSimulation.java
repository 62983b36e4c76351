package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import java.time.Duration;
import java.util.List;

/**
 * A steady rate ({@code -Drate}, default 20 per second) for {@code -Dbefore} seconds (default 30), a burst of
 * {@code -Dfactor} times it (default 10) for {@code -Dburst} seconds (default 10), then the steady rate again for
 * {@code -Dafter} seconds (default 60). Every order must still end final within {@code -DfollowTimeout} (default 120
 * s); the summary shows how long after the burst its orders were all final, and whether the orders after it are back
 * to the steady latency.
 */
public class SpikeSimulation extends OrderSimulation {

    private final double rate = LoadSettings.rate("rate", 20);
    private final double factor = LoadSettings.rate("factor", 10);
    private final Duration before = LoadSettings.seconds("before", 30);
    private final Duration burst = LoadSettings.seconds("burst", 10);
    private final Duration after = LoadSettings.seconds("after", 60);

    public SpikeSimulation() {
        super(120);
        setUp(customers
                        .arriving("spike", SEED)
                        .injectOpen(
                                constantUsersPerSec(rate).during(before),
                                constantUsersPerSec(rate * factor).during(burst),
                                constantUsersPerSec(rate).during(after)))
                .protocols(Customers.intake())
                .assertions(noFailedRequests());
    }

    @Override
    List<Completions.Window> windows() {
        return List.of(
                window("before %.0f/s".formatted(rate), Duration.ZERO, before),
                window("burst %.0f/s".formatted(rate * factor), before, burst),
                window("after %.0f/s".formatted(rate), before.plus(burst), after));
    }
}
