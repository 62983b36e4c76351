package dev.coffeeshop.notification.webhooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The courier's schedule and the address guard built from the allow-list. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebhookConfiguration {

    @Bean
    DestinationGuard destinationGuard(WebhookProperties properties) {
        return new DestinationGuard(properties.allowedHosts());
    }
}
