package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.messaging.access.Scopes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an order's customer has been told. An order without notifications yet answers with an empty list, not 404:
 * notifications arrive asynchronously, and this service may not have heard of the order yet.
 *
 * <p>Only the order's owner (the subject its OrderPlaced names) and staff see them. Anyone else gets the answer for an
 * order this service never heard of, an empty list, so the answer tells them nothing, not even that the order exists;
 * so does the owner until the order's placement has reached this service.
 */
@RestController
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/orders/{id}/notifications")
    OrderNotifications notifications(@PathVariable UUID id, Authentication caller) {
        boolean visible = Scopes.granted(caller, Scopes.STAFF)
                || notifications.ownerOf(id).filter(caller.getName()::equals).isPresent();
        if (!visible) {
            return new OrderNotifications(id, List.of());
        }
        return new OrderNotifications(
                id,
                notifications.of(id).stream()
                        .map(n -> new NotificationView(n.kind(), n.message(), n.occurredAt(), n.createdAt()))
                        .toList());
    }

    record OrderNotifications(UUID orderId, List<NotificationView> notifications) {}

    record NotificationView(NotificationKind kind, String message, Instant occurredAt, Instant createdAt) {}
}
