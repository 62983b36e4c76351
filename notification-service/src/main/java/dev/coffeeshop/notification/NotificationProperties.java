package dev.coffeeshop.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification service.
 *
 * @param currency the shop's currency; refund events carry only an amount in cents, because the shop sells in one
 *     currency
 */
@ConfigurationProperties("coffeeshop.notification")
public record NotificationProperties(@DefaultValue("EUR") String currency) {}
