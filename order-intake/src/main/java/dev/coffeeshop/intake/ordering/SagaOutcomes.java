package dev.coffeeshop.intake.ordering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How orders' sagas end, as the counter {@value #NAME}{@code {outcome}}: {@code ready} (made, the payment captured),
 * {@code refunded} (not made, or not in time: the money went back), {@code cancelled} (stopped by the customer before
 * a barista started it). Each final status has its series at zero from start-up, so that a rate or a ratio of them is
 * right from the first order on. Orders refused at the till never start a saga: they are
 * {@code coffeeshop.orders.declined}.
 */
@Component
class SagaOutcomes {

    static final String NAME = "coffeeshop.orders.ended";

    SagaOutcomes(MeterRegistry meters) {
        Arrays.stream(OrderStatus.values()).filter(OrderStatus::isFinal).forEach(status -> counter(meters, status));
    }

    /** Counts the order's saga as ended, if the change moved it to a final status. */
    static void count(MeterRegistry meters, Decision.Change change) {
        if (change.movesStatus() && change.order().status().isFinal()) {
            counter(meters, change.order().status()).increment();
        }
    }

    private static Counter counter(MeterRegistry meters, OrderStatus status) {
        return Counter.builder(NAME)
                .description("orders whose saga ended, by how it ended")
                .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }
}
