package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import java.time.Duration;
import java.util.List;

/**
 * Customers arriving at a constant rate (open model), the demo's mix: {@code -Drate} per second (default 50) for
 * {@code -Dduration} seconds (default 60), every order followed until final.
 */
public class SteadySimulation extends OrderSimulation {

    private final double rate = LoadSettings.rate("rate", 50);
    private final Duration duration = LoadSettings.seconds("duration", 60);

    public SteadySimulation() {
        super(60);
        setUp(customers
                        .arriving("steady arrivals", SEED)
                        .injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(Customers.intake())
                .assertions(noFailedRequests());
    }

    @Override
    List<Completions.Window> windows() {
        return List.of(window("%.0f/s".formatted(rate), Duration.ZERO, duration));
    }
}
