package dev.coffeeshop.intake.ordering;

import java.util.Arrays;
import java.util.List;

/**
 * Where an order stands from the customer's point of view. Which facts move an order from one status to another is
 * decided by {@link Order}, and only there; {@code docs/order-states.md} draws the result (a test keeps the two equal).
 * Whether a status is open or final is stated here and nowhere else.
 */
public enum OrderStatus {
    /** Payment authorized; waiting for a barista. */
    PLACED(Stage.OPEN),
    /** The customer asked to cancel; the baristas decide whether it is too late. */
    CANCEL_REQUESTED(Stage.OPEN),
    /** Made and waiting at the counter; the payment is captured. */
    READY(Stage.FINAL),
    /**
     * It will not be made (the baristas could not, the customer cancelled in time, or the deadline passed): the
     * payment is being voided or refunded, retried until the provider confirms, parked for an operator if it never
     * does.
     */
    COMPENSATING(Stage.CLOSING),
    /** Could not be made, or not in time; the money went back. */
    REFUNDED(Stage.FINAL),
    /** Cancelled by the customer before it was started; the authorization was voided. */
    CANCELLED(Stage.FINAL);

    /** How far along its saga an order in this status is. */
    private enum Stage {
        /** The baristas may still make it, and its deadline applies. */
        OPEN,
        /** Given up; what is left is the money. */
        CLOSING,
        /** Nothing moves it any more. */
        FINAL
    }

    private final Stage stage;

    OrderStatus(Stage stage) {
        this.stage = stage;
    }

    /** The status every order starts in. */
    public static final OrderStatus INITIAL = PLACED;

    /** Still on its way: the baristas may make it, and its deadline applies. */
    public boolean isOpen() {
        return stage == Stage.OPEN;
    }

    /** Nothing changes the order any more. */
    public boolean isFinal() {
        return stage == Stage.FINAL;
    }

    /** The statuses of orders the baristas may still make. */
    public static List<OrderStatus> open() {
        return Arrays.stream(values()).filter(OrderStatus::isOpen).toList();
    }

    /** The statuses of orders whose saga has not ended: what staff look at when something is stuck. */
    public static List<OrderStatus> unfinished() {
        return Arrays.stream(values()).filter(s -> !s.isFinal()).toList();
    }
}
