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
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the pickup counter says about each event: which notification, if any, the customer gets, and in which words.
 * Whether the order already has a notification of that kind is not its business; the counter keeps one per kind.
 */
final class CounterScript {

    private final String currency;
    private final Clock clock;

    /**
     * @param currency the shop's one currency, which refund events do not carry
     * @param clock when a notification is created
     */
    CounterScript(String currency, Clock clock) {
        this.currency = currency;
        this.clock = clock;
    }

    /** The notification {@code event} gives its customer, or empty when the customer hears nothing of it. */
    Optional<Notification> noticeFor(OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed ->
                notice(
                        placed,
                        placed.customerName(),
                        NotificationKind.RECEIVED,
                        "Thanks %s, we received your order".formatted(addressing(placed.customerName())));
            case OrderReady ready ->
                notice(
                        ready,
                        ready.customerName(),
                        NotificationKind.READY_FOR_PICKUP,
                        "%s, your order is ready for pickup!".formatted(addressing(ready.customerName())));
            case PaymentRefunded refunded ->
                notice(
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
                                        currency));
            case OrderCancelled cancelled ->
                notice(
                        cancelled,
                        cancelled.customerName(),
                        NotificationKind.CANCELLED,
                        "%s, your order is cancelled; you were not charged"
                                .formatted(addressing(cancelled.customerName())));
            // only the customer's own request is answered; a deadline the shop gave up on is not their business,
            // and the order simply goes on to be ready
            case CancellationRefused refused ->
                refused.reason() == CancellationReason.CUSTOMER
                        ? notice(
                                refused,
                                refused.customerName(),
                                NotificationKind.CANCELLATION_REFUSED,
                                "Sorry %s, it is too late to cancel; your order is being made"
                                        .formatted(addressing(refused.customerName())))
                        : Optional.empty();
            // the customer hears about the refund that follows, which is what matters to them
            case OrderRejected rejected -> Optional.empty();
            // a step of the cancellation: the customer hears once the payment is voided, from OrderCancelled
            case PreparationCancelled stopped -> Optional.empty();
            // travels on a topic this service does not read; the outcome reaches the customer as the events above
            case CancellationRequested requested -> Optional.empty();
        };
    }

    private Optional<Notification> notice(
            OrderEvent event, @Nullable String customerName, NotificationKind kind, String message) {
        return Optional.of(new Notification(
                event.orderId(), kind, customerName, message, event.eventId(), event.occurredAt(), clock.instant()));
    }

    private static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static String addressing(@Nullable String customerName) {
        return customerName == null || customerName.isBlank() ? "there" : customerName;
    }
}
