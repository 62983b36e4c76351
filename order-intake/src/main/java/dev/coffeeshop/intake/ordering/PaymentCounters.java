package dev.coffeeshop.intake.ordering;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The payment clerk's counters, one series per kind of payment action at zero from start-up, with the names and tags
 * the {@link PaymentClerk} counts them under: a counter that appears with its first event starts at 1, which PromQL's
 * {@code increase} reads as no change, so the first parked compensation would raise no alert.
 */
@Component
class PaymentCounters {

    static final List<String> COUNTERS =
            List.of("coffeeshop.payments.settled", "coffeeshop.payments.retried", "coffeeshop.compensations.parked");

    PaymentCounters(MeterRegistry meters) {
        for (PaymentAction action : PaymentAction.values()) {
            COUNTERS.forEach(name -> meters.counter(name, "action", action.name()));
        }
    }
}
