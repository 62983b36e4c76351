package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * What every simulation here shares: the customers, the count of finished orders and the assertion that no request
 * failed, which covers every check (status codes, each retry returning its order, each order final in time and ended
 * as its kind must).
 */
abstract class OrderSimulation extends Simulation {

    /** The same crowd on every run of a simulation, unless {@code -Dseed} says otherwise. */
    static final int SEED = LoadSettings.number("seed", 2024);

    final Completions completions = new Completions();
    final Customers customers;
    private final Duration followTimeout;

    OrderSimulation(int defaultFollowTimeoutSeconds) {
        followTimeout = LoadSettings.followTimeout(defaultFollowTimeoutSeconds);
        customers = new Customers(completions, followTimeout, LoadSettings.pollInterval());
    }

    /** The stretches of the run the summary reports on. */
    abstract List<Completions.Window> windows();

    static Assertion noFailedRequests() {
        return global().failedRequests().count().is(0L);
    }

    @Override
    public void before() {
        // the first token before the first customer: a missing secret stops the run here, with its reason
        AccessToken.header();
        System.out.printf(
                "Placing orders at %s; each must be final within %d s of its 202%n",
                LoadSettings.baseUrl(), followTimeout.toSeconds());
    }

    @Override
    public void after() {
        System.out.println(completions.report(windows()));
    }

    static Completions.Window window(String name, Duration from, Duration length) {
        return new Completions.Window(name, from, from.plus(length));
    }
}
