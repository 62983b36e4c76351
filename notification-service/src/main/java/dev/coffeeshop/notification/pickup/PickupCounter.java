package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.messaging.inbox.Inbox;
import dev.coffeeshop.notification.NotificationProperties;
import dev.coffeeshop.notification.webhooks.WebhookNotice;
import dev.coffeeshop.notification.webhooks.Webhooks;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells customers what happened to their orders. Each event is handled the same way, in one transaction: recognise an
 * event handled before, lock the order, let the {@link CounterScript} decide what the customer hears, and store that
 * notification unless the order has one of its kind already; delivery happens after the commit. So each event is
 * handled once and each kind of notification created once per order, whatever the order in which events arrive.
 */
@Service
class PickupCounter {

    private static final Logger log = LoggerFactory.getLogger(PickupCounter.class);

    private final Notifications notifications;
    private final Inbox inbox;
    private final ApplicationEventPublisher publisher;
    private final Webhooks webhooks;
    private final CounterScript script;

    PickupCounter(
            Notifications notifications,
            Inbox inbox,
            ApplicationEventPublisher publisher,
            NotificationProperties properties,
            Webhooks webhooks,
            Clock clock) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.publisher = publisher;
        this.webhooks = webhooks;
        this.script = new CounterScript(properties.currency(), clock);
    }

    @Transactional
    void handle(OrderEvent event) {
        if (!inbox.recordIfNew(event.eventId())) {
            log.debug("Event {} of order {} was handled before", event.eventId(), event.orderId());
            return;
        }
        // the callback URL (from the orders topic) and a notification (perhaps from the preparations topic) must see
        // each other whichever commits first
        webhooks.lockOrder(event.orderId());
        Optional<Notification> notice = script.noticeFor(event);
        notice.ifPresent(this::tell);
        if (event instanceof OrderPlaced placed && placed.customer() != null) {
            notifications.owner(placed.orderId(), placed.customer(), placed.occurredAt());
        }
        if (event instanceof OrderPlaced placed && placed.callbackUrl() != null) {
            // what the customer was told before the order's placement reached this service is owed too
            webhooks.callbackRequested(
                    placed.orderId(),
                    placed.callbackUrl(),
                    notifications.of(placed.orderId()).stream()
                            .map(PickupCounter::webhookNotice)
                            .toList());
        }
    }

    /** Stores {@code notification} and owes it to the order's callback, unless the order has one of its kind. */
    private void tell(Notification notification) {
        if (!notifications.add(notification)) {
            log.debug("Order {} already has a {} notification", notification.orderId(), notification.kind());
            return;
        }
        webhooks.told(webhookNotice(notification));
        publisher.publishEvent(new NotificationCreated(notification));
    }

    private static WebhookNotice webhookNotice(Notification n) {
        return new WebhookNotice(
                n.orderId(), n.kind().name(), n.customerName(), n.message(), n.occurredAt(), n.createdAt());
    }

    /** A notification that was committed and now waits to be delivered. */
    record NotificationCreated(Notification notification) {}
}
