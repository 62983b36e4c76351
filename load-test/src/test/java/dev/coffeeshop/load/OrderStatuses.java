package dev.coffeeshop.load;

import java.util.List;
import java.util.Map;

/**
 * The statuses after which nothing changes an order, and the payment each may show. The intake's {@code OrderStatus}
 * states which statuses are final for the service (READY, REFUNDED and CANCELLED; PLACED, CANCEL_REQUESTED and
 * COMPENSATING are not); the load test talks to the API only, so it keeps a copy, and {@code OrderStatusesTests}
 * compares the two.
 */
final class OrderStatuses {

    /**
     * Final status, and the payments it may come with: a made order's capture is retried after READY, so it may still
     * show AUTHORIZED; money that goes back was only authorized unless the intake charges at the till.
     */
    static final Map<String, List<String>> PAYMENT_AT_END = Map.of(
            "READY", List.of("AUTHORIZED", "CAPTURED"),
            "REFUNDED", List.of("VOIDED", "REFUNDED"),
            "CANCELLED", List.of("VOIDED", "REFUNDED"));

    private OrderStatuses() {}

    static boolean isFinal(String status) {
        return status != null && PAYMENT_AT_END.containsKey(status);
    }

    /** How an order looks at one of these ends, as {@link #describe} puts it. */
    static List<String> endings(List<String> statuses) {
        return statuses.stream()
                .flatMap(status -> PAYMENT_AT_END.get(status).stream().map(payment -> describe(status, payment)))
                .toList();
    }

    static String describe(Object status, Object payment) {
        return status + " (payment " + payment + ")";
    }
}
