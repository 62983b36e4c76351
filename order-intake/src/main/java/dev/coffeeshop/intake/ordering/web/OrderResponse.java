package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.ordering.OrderView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it. */
record OrderResponse(
        UUID id,
        String status,
        String payment,
        String customerName,
        List<LineItem> items,
        long totalCents,
        String currency,
        Instant deadline,
        List<OrderView.Step> timeline) {

    static OrderResponse of(OrderView order) {
        return new OrderResponse(
                order.id(),
                order.status().name(),
                order.payment().name(),
                order.customerName(),
                order.items(),
                order.totalCents(),
                order.currency(),
                order.deadline(),
                order.timeline());
    }
}
