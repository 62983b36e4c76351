package dev.coffeeshop.notification.pickup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an order's customer has been told. An order without notifications yet answers with an empty list, not 404:
 * notifications arrive asynchronously, and this service may not have heard of the order yet.
 */
@RestController
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/orders/{id}/notifications")
    OrderNotifications notifications(@PathVariable UUID id) {
        return new OrderNotifications(
                id,
                notifications.of(id).stream()
                        .map(n -> new NotificationView(n.kind(), n.message(), n.occurredAt(), n.createdAt()))
                        .toList());
    }

    record OrderNotifications(UUID orderId, List<NotificationView> notifications) {}

    record NotificationView(NotificationKind kind, String message, Instant occurredAt, Instant createdAt) {}
}
