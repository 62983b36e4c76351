package dev.coffeeshop.intake.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.intake.ordering.Caller;
import dev.coffeeshop.intake.ordering.Cashier;
import dev.coffeeshop.intake.ordering.OrderStatus;
import dev.coffeeshop.intake.ordering.PlaceOrder;
import dev.coffeeshop.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.support.MessageBuilder;

/**
 * The binding alone, on Spring Cloud Stream's in-memory binder: the right event reaches the right cashier call. The
 * binding reads the preparations topic only here: the in-memory binder names one channel after a multiplexed binding's
 * whole destination list, and the replay topic beside it is Kafka's business (DeadLetterReplayTests).
 */
@SpringBootTest(
        properties = {
            "spring.cloud.stream.default-binder=integration",
            "spring.cloud.stream.bindings.recordPreparation-in-0.destination=" + Topics.PREPARATIONS
        })
@Import(TestChannelBinderConfiguration.class)
@RealInfrastructure
class PreparationOutcomesBindingTests {

    /** Who placed the orders here, and who looks at them. */
    static final Caller OWNER = new Caller("customer", false);

    static final Caller STAFF = new Caller("operator", true);

    @Autowired
    InputDestination input;

    @Autowired
    Cashier cashier;

    final EventCodec codec = new EventCodec();

    @Test
    void aReadyOrderIsMarkedReady() {
        // given
        UUID id = placeOrder("Mo");

        // when
        send(new OrderReady(UUID.randomUUID(), id, Instant.now(), "Mo"));

        // then
        assertThat(cashier.find(id, STAFF).status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void aRejectedOrderIsCompensated() {
        // given
        UUID id = placeOrder("Ned");

        // when
        send(new OrderRejected(UUID.randomUUID(), id, Instant.now(), "Ned", RejectionReason.OUT_OF_STOCK, "milk"));

        // then
        assertThat(cashier.find(id, STAFF).status()).isIn(OrderStatus.COMPENSATING, OrderStatus.REFUNDED);
    }

    @Test
    void theBaristasAnswersToACancellationReachTheCashier() {
        // given
        UUID stopped = placeOrder("Ola");
        UUID tooLate = placeOrder("Pim");
        cashier.cancel(stopped, OWNER);
        cashier.cancel(tooLate, OWNER);

        // when
        send(new PreparationCancelled(UUID.randomUUID(), stopped, Instant.now(), "Ola", CancellationReason.CUSTOMER));
        send(new CancellationRefused(
                UUID.randomUUID(), tooLate, Instant.now(), "Pim", CancellationReason.CUSTOMER, "being made"));

        // then
        assertThat(cashier.find(stopped, STAFF).status()).isIn(OrderStatus.COMPENSATING, OrderStatus.CANCELLED);
        assertThat(cashier.find(tooLate, STAFF).status()).isEqualTo(OrderStatus.PLACED);
    }

    private UUID placeOrder(String name) {
        return cashier.place(new PlaceOrder(
                        "customer",
                        name,
                        "tok_approve",
                        List.of(new LineItem("espresso", "small", 1, List.of())),
                        null,
                        "hash"))
                .id();
    }

    private void send(OrderEvent event) {
        var message = MessageBuilder.withPayload(codec.toJson(event))
                .copyHeaders(CloudEventHeaders.of(event, "/barista-worker"))
                .build();
        input.send(message, Topics.PREPARATIONS);
    }
}
