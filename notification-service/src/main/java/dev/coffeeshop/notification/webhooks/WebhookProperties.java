package dev.coffeeshop.notification.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the signed webhooks ({@code docs/webhooks.md}).
 *
 * @param signingKey the master key every endpoint's secret is derived from; without one a random key is made at
 *     startup, which is fine for a demo and wrong for production (secrets then change with every restart)
 * @param previousSigningKey while the master key is being rotated, the key being replaced: every delivery then carries
 *     a signature under each of the two, so a receiver still holding its old secret and one that has the new one
 *     both accept it; unset it once every receiver has its new secret
 * @param allowedHosts destinations exempt from the address checks: {@code host} (any port) or {@code host:port};
 *     for a local receiver, never for customer input
 * @param maxAttempts attempts in all, the first included, before a delivery is parked for staff
 * @param initialBackoff the wait after the first failed attempt; it doubles with each attempt, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param breakerOpenDelay how long a delivery waits when its destination's circuit breaker is open
 * @param connectTimeout how long connecting to a receiver may take
 * @param requestTimeout how long a receiver may take to answer, once connected
 * @param batchSize deliveries claimed and sent concurrently per round
 * @param lease how long a claimed delivery is not claimed again; a courier that died leaves it due after this
 */
@ConfigurationProperties("coffeeshop.notification.webhooks")
record WebhookProperties(
        String signingKey,
        String previousSigningKey,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("30s") Duration breakerOpenDelay,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("50") int batchSize,
        @DefaultValue("1m") Duration lease) {

    public WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("coffeeshop.notification.webhooks.max-attempts must be at least 1");
        }
    }
}
