package dev.coffeeshop.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the cashier.
 *
 * @param idempotencyKeyRetention how long a client may retry a POST with the same Idempotency-Key
 */
@ConfigurationProperties("coffeeshop.intake")
public record IntakeProperties(@DefaultValue("24h") Duration idempotencyKeyRetention) {}
