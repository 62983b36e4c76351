package dev.coffeeshop.notification.pickup;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The counters of notifications and webhook deliveries, one series per kind of notification at zero from start-up,
 * with the names and tags the {@link Dispatcher} and the webhook courier count them under. A counter that appears
 * with its first event starts at 1, which PromQL's {@code increase} and {@code rate} read as no change: the first
 * parked webhook would go unseen, and a dashboard would show no line where there is simply nothing yet.
 */
@Component
class NotificationMeters {

    static final List<String> COUNTERS = List.of(
            "coffeeshop.notifications.sent",
            "coffeeshop.notifications.failed",
            "coffeeshop.webhooks.delivered",
            "coffeeshop.webhooks.retried",
            "coffeeshop.webhooks.deferred",
            "coffeeshop.webhooks.refused",
            "coffeeshop.webhooks.parked");

    NotificationMeters(MeterRegistry meters) {
        for (NotificationKind kind : NotificationKind.values()) {
            COUNTERS.forEach(name -> meters.counter(name, "kind", kind.name()));
        }
    }
}
