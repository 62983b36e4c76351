package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.intake.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@link IntakeProperties#deadlineCheckInterval()}, gives up on the orders that are still open past their
 * deadline ({@link Cashier#expireOverdue(int)}). Time comes from the injected {@code Clock}, so a test moves it instead
 * of waiting.
 */
@Component
class Deadlines implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);
    private static final int BATCH = 500;

    private final Cashier cashier;
    private final IntakeProperties properties;

    Deadlines(Cashier cashier, IntakeProperties properties) {
        this.cashier = cashier;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::expireSafely, properties.deadlineCheckInterval());
    }

    /** Gives up on every order overdue by now; returns how many. */
    int expireOverdue() {
        int expired = 0;
        int round;
        do {
            round = cashier.expireOverdue(BATCH);
            expired += round;
        } while (round == BATCH);
        return expired;
    }

    private void expireSafely() {
        try {
            expireOverdue();
        } catch (RuntimeException e) {
            log.warn("Could not look for overdue orders: {}", e.toString());
        }
    }
}
