package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long the customer waited: from the order's placement (its {@link OrderPlaced} time) to its hand-over at the
 * counter (its {@link OrderReady} time), the two instants the order's timeline shows as {@code PLACED} and
 * {@code READY}, as a histogram {@value #NAME}.
 *
 * <p>Measured here, where an order becomes ready, rather than where the cashier learns it: the barista hands an order
 * over while that order's record is being handled, with the record's span current, so each bucket's exemplar is the
 * trace of an order that fell into it (the cashier learns a whole poll of outcomes at once, with no single order's
 * span current). Instant brewing (a preparation time of 0) hands a whole batch over in one transaction, and the
 * samples taken after it commits carry no exemplar.
 *
 * <p>The buckets are the service levels worth telling apart, not a spread of powers: 50 and 100 ms what the benchmark
 * aims at with instant brewing (docs/performance.md); 250 ms to 2 s the normal wait with the default 200 ms a drink
 * (one to a few drinks); 5 s the objective the alert holds the shop to (a customer at the counter notices more); 10 s to
 * 60 s a queue building up; 5 and 15 minutes an order about to be given up (the intake's default deadline is 15 min).
 */
@Component
class PlacedToReady {

    static final String NAME = "coffeeshop.orders.placed-to-ready";

    static final Duration[] SERVICE_LEVELS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15)
    };

    private final Timer timer;

    PlacedToReady(MeterRegistry meters) {
        this.timer = Timer.builder(NAME)
                .description("from an order's placement to its hand-over at the counter")
                .serviceLevelObjectives(SERVICE_LEVELS)
                .register(meters);
    }

    /** Records the wait of an order handed over: {@code handedOver}'s {@link OrderReady} against its placement. */
    void handedOver(OrderPlaced order, Decision handedOver) {
        handedOver.events().stream()
                .filter(OrderReady.class::isInstance)
                .map(OrderReady.class::cast)
                .findFirst()
                .ifPresent(ready -> timer.record(Duration.between(order.occurredAt(), ready.occurredAt())));
    }
}
