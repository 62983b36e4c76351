package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.intake.IntakeProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys older than {@link IntakeProperties#idempotencyKeyRetention()}, every
 * {@link IntakeProperties#idempotencyKeyCleanupInterval()}, in batches of
 * {@link IntakeProperties#idempotencyKeyCleanupBatchSize()}. Expiry does not wait for this: an expired key no longer
 * matches a request even while its row is still there; the cleanup only keeps the table small.
 */
@Component
class IdempotencyKeyCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final Orders orders;
    private final Clock clock;
    private final IntakeProperties properties;

    IdempotencyKeyCleanup(Orders orders, Clock clock, IntakeProperties properties) {
        this.orders = orders;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::deleteExpiredSafely, properties.idempotencyKeyCleanupInterval());
    }

    /** Deletes every key that has expired by now, a batch per statement; returns how many it deleted. */
    int deleteExpired() {
        Instant cutoff = clock.instant().minus(properties.idempotencyKeyRetention());
        int batch = properties.idempotencyKeyCleanupBatchSize();
        int deleted = 0;
        int round;
        do {
            round = orders.deleteKeysCreatedBefore(cutoff, batch);
            deleted += round;
        } while (round == batch);
        if (deleted > 0) {
            log.info("Deleted {} idempotency keys created before {}", deleted, cutoff);
        }
        return deleted;
    }

    private void deleteExpiredSafely() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            // the database may be away for a while; the next round tries again
            log.warn("Could not delete expired idempotency keys: {}", e.toString());
        }
    }
}
