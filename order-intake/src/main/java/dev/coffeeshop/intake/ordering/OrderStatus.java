package dev.coffeeshop.intake.ordering;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an order stands from the customer's point of view. The transitions below are the order's state machine;
 * {@code docs/order-states.md} draws the same machine (a test keeps the two equal). Every change is guarded by the state
 * it leaves, so a late, duplicated or replayed event moves nothing.
 */
public enum OrderStatus {
    /** Payment authorized; waiting for a barista. */
    PLACED,
    /** The customer asked to cancel; the baristas decide whether it is too late. */
    CANCEL_REQUESTED,
    /** Made and waiting at the counter; the payment is captured. Final. */
    READY,
    /**
     * It will not be made (the baristas could not, the customer cancelled in time, or the deadline passed): the
     * payment is being voided or refunded, retried until the provider confirms, parked for an operator if it never
     * does.
     */
    COMPENSATING,
    /** Could not be made, or not in time; the money went back. Final. */
    REFUNDED,
    /** Cancelled by the customer before it was started; the authorization was voided. Final. */
    CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PLACED, EnumSet.of(CANCEL_REQUESTED, READY, COMPENSATING),
            CANCEL_REQUESTED, EnumSet.of(PLACED, READY, COMPENSATING),
            COMPENSATING, EnumSet.of(REFUNDED, CANCELLED),
            READY, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    /** The status every order starts in. */
    public static final OrderStatus INITIAL = PLACED;

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** Still on its way: the baristas may make it, and its deadline applies. */
    public boolean isOpen() {
        return this == PLACED || this == CANCEL_REQUESTED;
    }

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<OrderStatus> next() {
        return Set.copyOf(NEXT.get(this));
    }
}
