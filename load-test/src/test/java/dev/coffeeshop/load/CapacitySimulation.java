package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A staircase of arrival rates to find the highest the shop sustains: {@code -Dsteps} levels (default 5) from
 * {@code -DstartRate} per second (default 20), {@code -DstepRate} more each (default 20), each held
 * {@code -DstepDuration} seconds (default 30) with {@code -DrampDuration} seconds (default 5) between. Gatling's
 * report shows throughput and response times over time; the summary printed at the end shows, per level, how many
 * orders were accepted and finished and how long they took from PLACED to final. The rate is sustained while
 * finished keeps up with accepted and placed->final stays flat; past it, orders pile up, miss their time limit and
 * fail the run.
 */
public class CapacitySimulation extends OrderSimulation {

    private final double startRate = LoadSettings.rate("startRate", 20);
    private final double stepRate = LoadSettings.rate("stepRate", 20);
    private final int steps = LoadSettings.number("steps", 5);
    private final Duration stepDuration = LoadSettings.seconds("stepDuration", 30);
    private final Duration rampDuration = LoadSettings.seconds("rampDuration", 5);

    public CapacitySimulation() {
        super(60);
        setUp(customers
                        .arriving("rising arrivals", SEED)
                        .injectOpen(incrementUsersPerSec(stepRate)
                                .times(steps)
                                .eachLevelLasting(stepDuration)
                                .separatedByRampsLasting(rampDuration)
                                .startingFrom(startRate)))
                .protocols(Customers.intake())
                .assertions(noFailedRequests());
    }

    @Override
    List<Completions.Window> windows() {
        var windows = new ArrayList<Completions.Window>();
        Duration from = Duration.ZERO;
        for (int step = 0; step < steps; step++) {
            double rate = startRate + step * stepRate;
            windows.add(window("step %d: %.0f/s".formatted(step + 1, rate), from, stepDuration));
            from = from.plus(stepDuration).plus(rampDuration);
        }
        return windows;
    }
}
