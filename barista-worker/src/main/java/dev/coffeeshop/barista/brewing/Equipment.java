package dev.coffeeshop.barista.brewing;

import java.util.random.RandomGenerator;

/** The espresso machine, which breaks down now and then; the dice are injected so tests can load them. */
final class Equipment {

    private final double failureRate;
    private final RandomGenerator dice;

    Equipment(double failureRate, RandomGenerator dice) {
        if (failureRate < 0.0 || failureRate > 1.0) {
            throw new IllegalArgumentException("failure rate must be within 0.0 and 1.0, was " + failureRate);
        }
        this.failureRate = failureRate;
        this.dice = dice;
    }

    /** Whether the machine breaks down while preparing one order. */
    boolean breaksDown() {
        return failureRate > 0.0 && dice.nextDouble() < failureRate;
    }
}
