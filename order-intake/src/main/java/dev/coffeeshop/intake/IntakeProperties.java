package dev.coffeeshop.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the cashier.
 *
 * @param idempotencyKeyRetention how long a client may retry a POST with the same Idempotency-Key
 *     ({@code COFFEESHOP_INTAKE_IDEMPOTENCY_KEY_RETENTION}, default 24h): a retry within it gets the order the first
 *     request created; after it the key is forgotten and the same key places a new order
 * @param idempotencyKeyCleanupInterval the pause between two rounds that delete expired keys
 *     ({@code COFFEESHOP_INTAKE_IDEMPOTENCY_KEY_CLEANUP_INTERVAL}, default 1m)
 * @param idempotencyKeyCleanupBatchSize keys deleted per statement, so a large backlog never holds long locks
 *     ({@code COFFEESHOP_INTAKE_IDEMPOTENCY_KEY_CLEANUP_BATCH_SIZE}, default 1000)
 */
@ConfigurationProperties("coffeeshop.intake")
public record IntakeProperties(
        @DefaultValue("24h") Duration idempotencyKeyRetention,
        @DefaultValue("1m") Duration idempotencyKeyCleanupInterval,
        @DefaultValue("1000") int idempotencyKeyCleanupBatchSize) {}
