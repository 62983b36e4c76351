package dev.coffeeshop.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification service.
 *
 * @param currency the shop's currency; refund events carry only an amount in cents, because the shop sells in one
 *     currency
 * @param delivery how notifications reach the customer's channel
 */
@ConfigurationProperties("coffeeshop.notification")
public record NotificationProperties(
        @DefaultValue("EUR") String currency, @DefaultValue Delivery delivery) {

    /**
     * A notification is handed to the channel right after it commits; one that could not be (the channel failed, the
     * database was away, the service stopped) is handed over again by a sweep until the channel takes it.
     *
     * @param sweepInterval how often notifications still due are looked for
     * @param lease how long an attempt may take before the sweep may try the notification again
     * @param maxBackOff the longest pause between attempts after failures (doubling from one second)
     * @param batchSize notifications per sweep round
     */
    public record Delivery(
            @DefaultValue("1s") Duration sweepInterval,
            @DefaultValue("10s") Duration lease,
            @DefaultValue("5m") Duration maxBackOff,
            @DefaultValue("100") int batchSize) {}
}
