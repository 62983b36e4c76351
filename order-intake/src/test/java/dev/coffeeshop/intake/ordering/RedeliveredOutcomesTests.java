package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.intake.payment.SandboxPaymentGateway;
import dev.coffeeshop.outbox.OutboxRelay;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestContextManager;

/**
 * However often and in whatever order the baristas' outcome for an order arrives, the order ends exactly as if it had
 * arrived once (F11, I2, I4). The outcome is either {@link OrderReady} or {@link OrderRejected}; a history delivers
 * some emissions of it (each with an event id of its own, as when the barista re-emits after a crash), some of them
 * several times (the same event id, as Kafka redelivers), in any order.
 *
 * <p>jqwik does not run Spring's JUnit extension, so the context comes from a {@link TestContextManager}: this class
 * is configured exactly like {@link OrderIntakeTests}, so both get the one cached context and a single member of the
 * consumer group {@code order-intake} on the shared broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RedeliveredOutcomesTests {

    private static final TestContextManager spring = new TestContextManager(RedeliveredOutcomesTests.class);
    private static final TestKafka kafka = TestKafka.shared();
    private static final EventCodec codec = new EventCodec();
    private static final List<LineItem> ONE_LATTE = List.of(new LineItem("latte", "small", 1, List.of()));

    @Autowired
    Cashier cashier;

    @Autowired
    SandboxPaymentGateway payments;

    @Autowired
    OutboxRelay relay;

    enum Outcome {
        READY,
        REJECTED
    }

    /**
     * One history of the outcome: {@code arrivals} lists, in arrival order, which emission arrives (0, 1 or 2);
     * an index seen twice is a duplicate delivery, distinct indexes are re-emissions under new event ids.
     */
    record History(Outcome outcome, List<Integer> arrivals) {}

    @BeforeContainer
    static void startTheTestClass() throws Exception {
        spring.beforeTestClass();
    }

    @BeforeProperty
    void joinTheSharedSpringContext() throws Exception {
        spring.prepareTestInstance(this);
    }

    @AfterContainer
    static void finishTheTestClass() throws Exception {
        kafka.close();
        // lets the context cache pause the shared context while no test class uses it
        spring.afterTestClass();
    }

    @Property(tries = 30)
    void anOrderEndsAsIfItsOutcomeHadArrivedOnceInOrder(@ForAll("histories") History history) {
        // given
        UUID inOrder = place("in-order");
        UUID chaotic = place("chaotic");

        // when
        long refundsForInOrder = refundsIssuedWhile(() -> deliver(emissions(history.outcome(), inOrder, 1)));
        List<OrderEvent> emissions = emissions(history.outcome(), chaotic, 3);
        long refundsForChaotic =
                refundsIssuedWhile(() -> history.arrivals().forEach(i -> deliver(List.of(emissions.get(i)))));

        // then
        Order expected = cashier.find(inOrder);
        Order actual = cashier.find(chaotic);
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(statuses(actual)).isEqualTo(statuses(expected));
        assertThat(refundsForChaotic).isEqualTo(refundsForInOrder);
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        Map<UUID, Long> refundedOnTheTopic = paymentRefundedEvents(inOrder, chaotic);
        assertThat(refundedOnTheTopic.get(chaotic)).isEqualTo(refundedOnTheTopic.get(inOrder));

        // and the in-order outcome is the one the shop promises
        if (history.outcome() == Outcome.READY) {
            assertThat(statuses(expected)).containsExactly("PLACED", "READY");
            assertThat(refundsForInOrder).isZero();
            assertThat(refundedOnTheTopic.get(inOrder)).isZero();
        } else {
            assertThat(statuses(expected)).containsExactly("PLACED", "REJECTED", "REFUNDED");
            assertThat(refundsForInOrder).isOne();
            assertThat(refundedOnTheTopic.get(inOrder)).isOne();
        }
    }

    @Provide
    Arbitrary<History> histories() {
        return Combinators.combine(
                        Arbitraries.of(Outcome.class),
                        Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(8))
                .as(History::new);
    }

    private UUID place(String name) {
        String customer = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return cashier.place(new PlaceOrder(customer, SandboxPaymentGateway.APPROVE, ONE_LATTE, null, customer))
                .id();
    }

    private static List<OrderEvent> emissions(Outcome outcome, UUID orderId, int count) {
        var emissions = new ArrayList<OrderEvent>();
        for (int i = 0; i < count; i++) {
            emissions.add(
                    switch (outcome) {
                        case READY -> new OrderReady(UUID.randomUUID(), orderId, Instant.now(), "customer");
                        case REJECTED ->
                            new OrderRejected(
                                    UUID.randomUUID(),
                                    orderId,
                                    Instant.now(),
                                    "customer",
                                    RejectionReason.OUT_OF_STOCK,
                                    "no pumpkin-spice");
                    });
        }
        return emissions;
    }

    private void deliver(List<OrderEvent> events) {
        for (OrderEvent event : events) {
            switch (event) {
                case OrderReady ready -> cashier.markReady(ready);
                case OrderRejected rejected -> cashier.compensate(rejected);
                default -> throw new IllegalArgumentException("not an outcome: " + event);
            }
        }
    }

    private long refundsIssuedWhile(Runnable delivery) {
        long before = payments.refundsIssued();
        delivery.run();
        return payments.refundsIssued() - before;
    }

    private static List<String> statuses(Order order) {
        return order.timeline().stream().map(Order.TimelineEntry::status).toList();
    }

    /** PaymentRefunded events per order on the orders topic, read once for all the orders asked about. */
    private static Map<UUID, Long> paymentRefundedEvents(UUID... orderIds) {
        var records = kafka.records(Topics.ORDERS, null);
        var counts = new HashMap<UUID, Long>();
        for (UUID id : orderIds) {
            counts.put(
                    id,
                    records.stream()
                            .filter(r -> id.toString().equals(r.key()))
                            .map(r -> codec.read(TestKafka.headers(r), r.value()))
                            .filter(PaymentRefunded.class::isInstance)
                            .count());
        }
        return counts;
    }
}
