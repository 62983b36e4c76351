package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** Who placed the orders here, and who looks at them. */
    static final Caller OWNER = new Caller("customer", false);

    static final Caller STAFF = new Caller("operator", true);

    private static final TestContextManager spring = new TestContextManager(RedeliveredOutcomesTests.class);
    private static final TestKafka kafka = TestKafka.shared();
    private static final EventCodec codec = new EventCodec();
    private static final List<LineItem> ONE_LATTE = List.of(new LineItem("latte", "small", 1, List.of()));

    @Autowired
    Cashier cashier;

    @Autowired
    JdbcClient jdbc;

    SandboxLedger ledger;

    @Autowired
    OutboxRelay relay;

    enum Outcome {
        READY,
        REJECTED,
        /** The customer cancels and the baristas stop the order in time. */
        CANCELLED,
        /** The customer cancels, the baristas refuse, and the order is made. */
        TOO_LATE_TO_CANCEL;

        boolean cancelled() {
            return this == CANCELLED || this == TOO_LATE_TO_CANCEL;
        }
    }

    /**
     * One history of the outcome: {@code arrivals} lists, in arrival order, which emission arrives (0, 1 or 2);
     * an index seen twice is a duplicate delivery, distinct indexes are re-emissions under new event ids. When
     * {@code inOneBatch}, they all arrive in one poll and the cashier learns them together.
     */
    record History(Outcome outcome, List<Integer> arrivals, boolean inOneBatch) {}

    @BeforeContainer
    static void startTheTestClass() throws Exception {
        spring.beforeTestClass();
    }

    @BeforeProperty
    void joinTheSharedSpringContext() throws Exception {
        spring.prepareTestInstance(this);
        ledger = new SandboxLedger(jdbc);
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
        if (history.outcome().cancelled()) {
            cashier.cancel(inOrder, OWNER);
            cashier.cancel(chaotic, OWNER);
        }

        // when
        deliver(emissions(history.outcome(), inOrder, 1));
        List<OrderEvent> emissions = emissions(history.outcome(), chaotic, 3);
        List<OrderEvent> arriving =
                arrivals(history).stream().map(emissions::get).toList();
        if (history.inOneBatch()) {
            cashier.learn(arriving);
        } else {
            arriving.forEach(event -> deliver(List.of(event)));
        }

        // then
        await().atMost(Duration.ofSeconds(20)).until(() -> settled(inOrder) && settled(chaotic));
        OrderView expected = cashier.find(inOrder, STAFF);
        OrderView actual = cashier.find(chaotic, STAFF);
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.payment()).isEqualTo(expected.payment());
        if (history.outcome() != Outcome.TOO_LATE_TO_CANCEL) {
            // a refusal that arrives after the drink has nothing left to refuse and leaves no trace
            assertThat(statuses(actual)).isEqualTo(statuses(expected));
        }
        for (String operation : List.of("CAPTURE", "VOID", "REFUND")) {
            assertThat(ledger.count(ledger.paymentOf(chaotic), operation))
                    .as(operation)
                    .isEqualTo(ledger.count(ledger.paymentOf(inOrder), operation));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        Map<UUID, Long> refundedOnTheTopic = paymentRefundedEvents(inOrder, chaotic);
        assertThat(refundedOnTheTopic.get(chaotic)).isEqualTo(refundedOnTheTopic.get(inOrder));

        // and the in-order outcome is the one the shop promises
        String payment = ledger.paymentOf(inOrder);
        switch (history.outcome()) {
            case READY -> {
                assertThat(statuses(expected)).containsExactly("PLACED", "READY");
                assertThat(ledger.count(payment, "CAPTURE")).isOne();
                assertThat(refundedOnTheTopic.get(inOrder)).isZero();
            }
            case REJECTED -> {
                assertThat(statuses(expected)).containsExactly("PLACED", "REJECTED", "REFUNDED");
                assertThat(ledger.count(payment, "VOID")).isOne();
                assertThat(refundedOnTheTopic.get(inOrder)).isOne();
            }
            case CANCELLED -> {
                assertThat(statuses(expected))
                        .containsExactly("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED");
                assertThat(ledger.count(payment, "VOID")).isOne();
                assertThat(ledger.count(payment, "CAPTURE")).isZero();
            }
            case TOO_LATE_TO_CANCEL -> {
                assertThat(expected.status()).isEqualTo(OrderStatus.READY);
                assertThat(ledger.count(payment, "CAPTURE")).isOne();
                assertThat(ledger.count(payment, "VOID")).isZero();
            }
        }
    }

    @Provide
    Arbitrary<History> histories() {
        return Combinators.combine(
                        Arbitraries.of(Outcome.class),
                        Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(8),
                        Arbitraries.of(true, false))
                .as(History::new);
    }

    private UUID place(String name) {
        String customer = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return cashier.place(
                        new PlaceOrder("customer", customer, SandboxPaymentGateway.APPROVE, ONE_LATTE, null, customer))
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
                        case CANCELLED ->
                            new PreparationCancelled(
                                    UUID.randomUUID(), orderId, Instant.now(), "customer", CancellationReason.CUSTOMER);
                        // the refusal and the drink are two facts: emissions alternate between them
                        case TOO_LATE_TO_CANCEL ->
                            i % 2 == 0
                                    ? new CancellationRefused(
                                            UUID.randomUUID(),
                                            orderId,
                                            Instant.now(),
                                            "customer",
                                            CancellationReason.CUSTOMER,
                                            "already being made")
                                    : new OrderReady(UUID.randomUUID(), orderId, Instant.now(), "customer");
                    });
        }
        if (outcome == Outcome.TOO_LATE_TO_CANCEL && count == 1) {
            emissions.add(new OrderReady(UUID.randomUUID(), orderId, Instant.now(), "customer"));
        }
        return emissions;
    }

    private void deliver(List<OrderEvent> events) {
        for (OrderEvent event : events) {
            switch (event) {
                case OrderReady ready -> cashier.markReady(ready);
                case OrderRejected rejected -> cashier.compensate(rejected);
                case PreparationCancelled cancelled -> cashier.cancelled(cancelled);
                case CancellationRefused refused -> cashier.cancellationRefused(refused);
                default -> throw new IllegalArgumentException("not an outcome: " + event);
            }
        }
    }

    /**
     * The history's arrivals; when the outcome is made of two facts (a refusal and a drink), each arrives at least
     * once, the missing one last.
     */
    private static List<Integer> arrivals(History history) {
        var arrivals = new ArrayList<>(history.arrivals());
        if (history.outcome() == Outcome.TOO_LATE_TO_CANCEL) {
            if (arrivals.stream().noneMatch(i -> i % 2 == 0)) {
                arrivals.add(0);
            }
            if (arrivals.stream().noneMatch(i -> i % 2 == 1)) {
                arrivals.add(1);
            }
        }
        return arrivals;
    }

    /** Final, and the provider has confirmed what the final state calls for. */
    private boolean settled(UUID orderId) {
        OrderView order = cashier.find(orderId, STAFF);
        return order.status().isFinal() && order.payment() != PaymentStatus.AUTHORIZED;
    }

    private static List<String> statuses(OrderView order) {
        return order.timeline().stream().map(OrderView.Step::status).toList();
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
