package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;

/**
 * A listener that throws an {@link Error} must not leave the service looking healthy: liveness and the overall health
 * turn DOWN, so that the orchestrator restarts it.
 *
 * <p>Without the guard the binder retries an Error like any exception and then dead-letters the record, with the
 * container running and every health indicator UP. Here the Error is thrown once, on the listener's thread, from the
 * equipment's dice; the binder's retry then prepares the order.
 *
 * <p>This class shares the module's one application context and breaks its liveness on purpose: it puts liveness back
 * to CORRECT before it ends, so the classes after it find a healthy service.
 */
@BaristaIntegrationTest
class ListenerErrorTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    LoadedDice dice;

    @Autowired
    HealthEndpoint health;

    @Autowired
    ApplicationAvailability availability;

    @Autowired
    ApplicationContext context;

    @Test
    void anErrorInTheListenerTakesLivenessAndHealthDown() {
        // given
        dice.throwOnTheNextRolls(new StackOverflowError("simulated on the listener thread"), 1);
        OrderPlaced order = order("Lou", line("espresso", "small", 1));

        try {
            // when
            kafka.publish(order);

            // then
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(availability.getLivenessState())
                    .isEqualTo(LivenessState.BROKEN));
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            // the binder retried the record after the Error, as it retries any exception
            assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOf(OrderReady.class);
        } finally {
            // what the orchestrator's restart would give: a correct state for the classes after this one
            dice.throwOnTheNextRolls(new StackOverflowError("unused"), 0);
            AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
