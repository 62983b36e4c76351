package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.notification.NotificationProperties;
import dev.coffeeshop.notification.webhooks.WebhookNotice;
import dev.coffeeshop.notification.webhooks.Webhooks;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides what the customer hears about an order. Each event is handled once and each kind of notification is
 * created once per order, whatever the order in which events arrive; delivery happens after the commit.
 */
@Service
class PickupCounter {

    private static final Logger log = LoggerFactory.getLogger(PickupCounter.class);

    private final Notifications notifications;
    private final ProcessedEvents processedEvents;
    private final ApplicationEventPublisher publisher;
    private final NotificationProperties properties;
    private final Webhooks webhooks;
    private final Clock clock;

    PickupCounter(
            Notifications notifications,
            ProcessedEvents processedEvents,
            ApplicationEventPublisher publisher,
            NotificationProperties properties,
            Webhooks webhooks,
            Clock clock) {
        this.notifications = notifications;
        this.processedEvents = processedEvents;
        this.publisher = publisher;
        this.properties = properties;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    void handle(OrderEvent event) {
        if (!processedEvents.firstTime(event.eventId())) {
            log.debug("Event {} of order {} was handled before", event.eventId(), event.orderId());
            return;
        }
        // the callback URL (from the orders topic) and a notification (perhaps from the preparations topic) must see
        // each other whichever commits first
        webhooks.lockOrder(event.orderId());
        noticeFor(event).ifPresent(notification -> {
            if (notifications.add(notification)) {
                webhooks.told(webhookNotice(notification));
                publisher.publishEvent(new NotificationCreated(notification));
            } else {
                log.debug("Order {} already has a {} notification", notification.orderId(), notification.kind());
            }
        });
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

    private static WebhookNotice webhookNotice(Notification n) {
        return new WebhookNotice(
                n.orderId(), n.kind().name(), n.customerName(), n.message(), n.occurredAt(), n.createdAt());
    }

    private Optional<Notification> noticeFor(OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed ->
                Optional.of(notification(
                        placed,
                        placed.customerName(),
                        NotificationKind.RECEIVED,
                        "Thanks %s, we received your order".formatted(addressing(placed.customerName()))));
            case OrderReady ready ->
                Optional.of(notification(
                        ready,
                        ready.customerName(),
                        NotificationKind.READY_FOR_PICKUP,
                        "%s, your order is ready for pickup!".formatted(addressing(ready.customerName()))));
            case PaymentRefunded refunded ->
                Optional.of(notification(
                        refunded,
                        refunded.customerName(),
                        NotificationKind.REFUNDED,
                        "Sorry %s, we could not make your order%s; %s %s refunded"
                                .formatted(
                                        addressing(refunded.customerName()),
                                        CancellationReason.DEADLINE_EXCEEDED
                                                        .name()
                                                        .equals(refunded.reason())
                                                ? " in time"
                                                : "",
                                        amount(refunded.amountCents()),
                                        properties.currency())));
            case OrderCancelled cancelled ->
                Optional.of(notification(
                        cancelled,
                        cancelled.customerName(),
                        NotificationKind.CANCELLED,
                        "%s, your order is cancelled; you were not charged"
                                .formatted(addressing(cancelled.customerName()))));
            // only the customer's own request is answered; a deadline the shop gave up on is not their business,
            // and the order simply goes on to be ready
            case CancellationRefused refused ->
                refused.reason() == CancellationReason.CUSTOMER
                        ? Optional.of(notification(
                                refused,
                                refused.customerName(),
                                NotificationKind.CANCELLATION_REFUSED,
                                "Sorry %s, it is too late to cancel; your order is being made"
                                        .formatted(addressing(refused.customerName()))))
                        : Optional.empty();
            // the customer hears about the refund that follows, which is what matters to them
            case OrderRejected rejected -> Optional.empty();
            // a step of the cancellation: the customer hears once the payment is voided, from OrderCancelled
            case PreparationCancelled stopped -> Optional.empty();
            // travels on a topic this service does not read; the outcome reaches the customer as the events above
            case CancellationRequested requested -> Optional.empty();
        };
    }

    private static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static String addressing(String customerName) {
        return customerName == null || customerName.isBlank() ? "there" : customerName;
    }

    private Notification notification(OrderEvent event, String customerName, NotificationKind kind, String message) {
        return new Notification(
                event.orderId(), kind, customerName, message, event.eventId(), event.occurredAt(), clock.instant());
    }

    /** A notification that was committed and now waits to be delivered. */
    record NotificationCreated(Notification notification) {}
}
