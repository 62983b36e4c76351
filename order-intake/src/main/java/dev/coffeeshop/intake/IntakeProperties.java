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
 * @param preparationDeadline an order not ready this long after it was placed is compensated: the baristas are told
 *     to abandon it and the money goes back ({@code COFFEESHOP_INTAKE_PREPARATION_DEADLINE}, default 15m)
 * @param deadlineCheckInterval how often overdue orders are looked for
 *     ({@code COFFEESHOP_INTAKE_DEADLINE_CHECK_INTERVAL}, default 1s)
 * @param payment how the payment is taken and how the provider's work is retried
 */
@ConfigurationProperties("coffeeshop.intake")
public record IntakeProperties(
        @DefaultValue("24h") Duration idempotencyKeyRetention,
        @DefaultValue("1m") Duration idempotencyKeyCleanupInterval,
        @DefaultValue("1000") int idempotencyKeyCleanupBatchSize,
        @DefaultValue("15m") Duration preparationDeadline,
        @DefaultValue("1s") Duration deadlineCheckInterval,
        @DefaultValue Payment payment) {

    /**
     * @param capture when the money is taken: {@code ON_READY} (authorize at the till, capture at handover, void if
     *     the drink is not made; the default) or {@code ON_PLACEMENT} (charge at the till as Hohpe's coffee shop does,
     *     refund if the drink is not made) ({@code COFFEESHOP_INTAKE_PAYMENT_CAPTURE})
     * @param pollInterval how often the payment clerk looks for due captures, voids and refunds (default 200ms)
     * @param batchSize actions carried out per round, concurrently, and recorded in one transaction (default 100)
     * @param initialBackOff pause after the first failed attempt of an action; doubles each attempt, with jitter
     *     (default 1s)
     * @param maxBackOff longest pause between two attempts (default 5m)
     * @param maxAttempts attempts after which an action that keeps failing is parked for an operator
     *     ({@code COFFEESHOP_INTAKE_PAYMENT_MAX_ATTEMPTS}, default 10)
     * @param lease how long a claimed action is left alone before another round may take it over, should the
     *     instance that claimed it die mid-call (default 1m)
     */
    public record Payment(
            @DefaultValue("ON_READY") Capture capture,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("1s") Duration initialBackOff,
            @DefaultValue("5m") Duration maxBackOff,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1m") Duration lease) {}

    public enum Capture {
        ON_READY,
        ON_PLACEMENT
    }
}
