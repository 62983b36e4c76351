package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.TestContextManager;

/**
 * The barista is order-independent: an order placed once, redelivered, published again under new event ids and
 * interleaved with events the barista skips is prepared exactly like the same order delivered once. Same final
 * status, its recipe taken from the inventory once, and one outcome on the preparations topic.
 *
 * <p>The records go straight into the binding function {@code prepareOrder}, so the interleaving is exactly the
 * generated one. The outbox relay keeps running: an outcome is counted on the topic once the relay has published
 * and deleted every outbox row of the order, so nothing is counted while still on its way.
 *
 * <p>A cancellation interleaved with its order, both redelivered and published again, either stops the order before
 * it is started or is refused while the order is made: never both. The cancellation goes straight into
 * {@code cancelPreparation}; in some tries the first delivery of each races the other on two threads, as the order's
 * and the cancellation's consumers do.
 */
@BaristaIntegrationTest
class EveryInterleavingTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final EventCodec codec = new EventCodec();

    private static TestKafka kafka;

    @Autowired
    @Qualifier("prepareOrder")
    Consumer<Message<?>> prepareOrder;

    @Autowired
    @Qualifier("cancelPreparation")
    Consumer<Message<?>> cancelPreparation;

    @Autowired
    JdbcClient jdbc;

    @BeforeContainer
    static void connectKafka() {
        kafka = TestKafka.shared();
    }

    @AfterContainer
    static void disconnectKafka() {
        kafka.close();
    }

    // jqwik does not run Spring's JUnit extension; the test context manager injects from Spring's context cache, so
    // this class shares the one context of every @BaristaIntegrationTest and no second consumer joins the group
    @BeforeProperty
    void useTheSharedApplicationContext() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @Property(tries = 30)
    void aShuffledDuplicatedStreamEndsLikeTheInOrderOne(@ForAll("interleavings") Interleaving interleaving) {
        // given the same order for two customers: one delivered once, its twin as the generated stream
        OrderPlaced inOrder = placed(UUID.randomUUID(), UUID.randomUUID(), interleaving.items());
        OrderPlaced twin = placed(UUID.randomUUID(), UUID.randomUUID(), interleaving.items());
        List<OrderEvent> stream = interleaving.deliveries().stream()
                .map(delivery -> delivery.of(twin))
                .toList();

        // when
        prepareOrder.accept(message(inOrder));
        stream.forEach(event -> prepareOrder.accept(message(event)));

        // then
        String status = statusOf(inOrder.orderId());
        Statistics.label("outcome").collect(status);
        assertThat(status).isIn("READY", "REJECTED");
        assertThat(statusOf(twin.orderId())).isEqualTo(status);
        Ingredients recipe = status.equals("READY") ? Recipes.forOrder(interleaving.items()) : Ingredients.none();
        assertThat(taken(inOrder.orderId())).as("taken in order").isEqualTo(recipe);
        assertThat(taken(twin.orderId())).as("taken interleaved").isEqualTo(recipe);
        Map<UUID, List<String>> outcomes = outcomes(inOrder.orderId(), twin.orderId());
        String outcome = status.equals("READY") ? "OrderReady" : "OrderRejected";
        assertThat(outcomes.get(inOrder.orderId())).as("outcomes in order").containsExactly(outcome);
        assertThat(outcomes.get(twin.orderId())).as("outcomes interleaved").containsExactly(outcome);
        int handedOver = status.equals("READY") ? 1 : 0;
        assertThat(handovers(inOrder.orderId())).as("handovers in order").isEqualTo(handedOver);
        assertThat(handovers(twin.orderId())).as("handovers interleaved").isEqualTo(handedOver);
    }

    @Property(tries = 40)
    void aCancellationInterleavedWithItsOrderEitherStopsItOrIsRefusedButNeverBoth(
            @ForAll("cancellations") Cancellation cancellation) {
        // given an order, a request to cancel it, and the generated stream of their deliveries
        OrderPlaced order = placed(UUID.randomUUID(), UUID.randomUUID(), cancellation.items());
        var request = new CancellationRequested(
                UUID.randomUUID(), order.orderId(), Instant.now(), "Ada", cancellation.reason());
        List<OrderEvent> stream = cancellation.steps().stream()
                .map(step -> step.of(order, request))
                .toList();

        // when
        if (cancellation.racing()) {
            race(order, request);
        }
        stream.forEach(this::deliver);

        // then
        String status = statusOf(order.orderId());
        Statistics.label("outcome").collect((cancellation.racing() ? "raced, " : "in sequence, ") + status);
        List<String> outcomes = outcomes(order.orderId()).get(order.orderId());
        if (status.equals("CANCELLED")) {
            assertThat(outcomes).as("outcomes").containsExactly("PreparationCancelled");
            assertThat(reservations(order.orderId())).as("reservations").isZero();
            assertThat(handovers(order.orderId())).as("handovers").isZero();
        } else {
            assertThat(status).isIn("READY", "REJECTED");
            String made = status.equals("READY") ? "OrderReady" : "OrderRejected";
            assertThat(outcomes).as("outcomes").containsExactlyInAnyOrder(made, "CancellationRefused");
            Ingredients recipe = status.equals("READY") ? Recipes.forOrder(cancellation.items()) : Ingredients.none();
            assertThat(taken(order.orderId())).as("taken").isEqualTo(recipe);
            assertThat(handovers(order.orderId())).as("handovers").isEqualTo(status.equals("READY") ? 1 : 0);
        }
        if (!cancellation.racing()) {
            assertThat(status.equals("CANCELLED"))
                    .as("cancelled exactly when the cancellation came first")
                    .isEqualTo(cancellation.cancellationFirst());
        }
    }

    /** Delivers the order and its cancellation at the same moment, from two threads. */
    private void race(OrderPlaced order, CancellationRequested request) {
        var start = new CyclicBarrier(2);
        CompletableFuture<Void> placing = CompletableFuture.runAsync(() -> {
            together(start);
            deliver(order);
        });
        CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> {
            together(start);
            deliver(request);
        });
        CompletableFuture.allOf(placing, cancelling).join();
    }

    private static void together(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Into the binding function that would receive the event from its topic. */
    private void deliver(OrderEvent event) {
        if (event instanceof CancellationRequested) {
            cancelPreparation.accept(message(event));
        } else {
            prepareOrder.accept(message(event));
        }
    }

    private long reservations(UUID order) {
        return jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = ?")
                .param(order)
                .query(Long.class)
                .single();
    }

    /** Rows in the counter's append-only ledger: a drink made twice would show as 2. */
    private long handovers(UUID order) {
        return jdbc.sql("SELECT count(*) FROM handovers WHERE order_id = ?")
                .param(order)
                .query(Long.class)
                .single();
    }

    @Provide
    Arbitrary<Interleaving> interleavings() {
        Arbitrary<List<LineItem>> items = Arbitraries.of(
                        new LineItem("latte", "large", 1, List.of("oat-milk")),
                        new LineItem("espresso", "small", 2, List.of("extra-shot")),
                        new LineItem("mocha", "medium", 1, List.of("decaf", "vanilla-syrup")),
                        new LineItem("cappuccino", "small", 3, List.of()),
                        // sold out: the order is rejected, whatever else it holds
                        new LineItem("pumpkin-spice-latte", "small", 1, List.of()))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements();
        Arbitrary<Delivery> extra = Combinators.combine(
                        Arbitraries.of(Delivery.Kind.class),
                        Arbitraries.integers().between(1, 2))
                .as(Delivery::new);
        Arbitrary<List<Delivery>> shuffled = extra.list().ofMaxSize(6).flatMap(extras -> {
            var all = new ArrayList<Delivery>();
            all.add(new Delivery(Delivery.Kind.ORIGINAL, 0));
            all.addAll(extras);
            return Arbitraries.shuffle(all);
        });
        return Combinators.combine(items, shuffled).as(Interleaving::new);
    }

    record Interleaving(List<LineItem> items, List<Delivery> deliveries) {}

    @Provide
    Arbitrary<Cancellation> cancellations() {
        Arbitrary<Step> extra = Combinators.combine(
                        Arbitraries.of(Step.Kind.class), Arbitraries.integers().between(1, 2))
                .as(Step::new);
        Arbitrary<List<Step>> shuffled = extra.list().ofMaxSize(5).flatMap(extras -> {
            var all = new ArrayList<Step>();
            all.add(new Step(Step.Kind.ORDER, 0));
            all.add(new Step(Step.Kind.CANCELLATION, 0));
            all.addAll(extras);
            return Arbitraries.shuffle(all);
        });
        return Combinators.combine(
                        interleavings().map(Interleaving::items),
                        Arbitraries.of(CancellationReason.CUSTOMER, CancellationReason.DEADLINE_EXCEEDED),
                        Arbitraries.of(true, false),
                        shuffled)
                .as(Cancellation::new);
    }

    /**
     * An order, a cancellation of it for {@code reason}, and the deliveries of both in generated order; when
     * {@code racing}, the first delivery of each has raced the other before the steps are delivered.
     */
    record Cancellation(List<LineItem> items, CancellationReason reason, boolean racing, List<Step> steps) {

        boolean cancellationFirst() {
            return steps.stream()
                    .filter(step -> step.kind() != Step.Kind.REFUNDED)
                    .findFirst()
                    .orElseThrow()
                    .cancels();
        }
    }

    /** One record the barista receives about the order or its cancellation. */
    record Step(Kind kind, int emission) {

        enum Kind {
            /** The original OrderPlaced, with its event id. */
            ORDER,
            /** The same order published again under a new event id, one per {@code emission}. */
            ORDER_REPUBLISHED,
            /** The original cancellation, with its event id. */
            CANCELLATION,
            /** The same cancellation published again under a new event id, one per {@code emission}. */
            CANCELLATION_REPUBLISHED,
            /** The cashier's refund of the order, which the barista skips. */
            REFUNDED
        }

        boolean cancels() {
            return kind == Kind.CANCELLATION || kind == Kind.CANCELLATION_REPUBLISHED;
        }

        OrderEvent of(OrderPlaced order, CancellationRequested request) {
            return switch (kind) {
                case ORDER -> order;
                case CANCELLATION -> request;
                case ORDER_REPUBLISHED, REFUNDED ->
                    new Delivery(kind == Kind.REFUNDED ? Delivery.Kind.REFUNDED : Delivery.Kind.REPUBLISHED, emission)
                            .of(order);
                case CANCELLATION_REPUBLISHED ->
                    new CancellationRequested(
                            Delivery.idOf("cancelled", order, emission),
                            request.orderId(),
                            Instant.now(),
                            request.customerName(),
                            request.reason());
            };
        }
    }

    /** One record the barista receives about the order. */
    record Delivery(Kind kind, int emission) {

        enum Kind {
            /** The original OrderPlaced again, with its event id: a redelivery. */
            ORIGINAL,
            /** The same fact published again under a new event id, one per {@code emission}. */
            REPUBLISHED,
            /** The cashier's refund of the order, which the barista skips. */
            REFUNDED
        }

        OrderEvent of(OrderPlaced order) {
            return switch (kind) {
                case ORIGINAL -> order;
                case REPUBLISHED -> placed(idOf("republished", order, emission), order.orderId(), order.items());
                case REFUNDED ->
                    new PaymentRefunded(
                            idOf("refunded", order, emission),
                            order.orderId(),
                            Instant.now(),
                            order.customerName(),
                            order.totalCents(),
                            "OUT_OF_STOCK");
            };
        }

        /** The same id for every delivery of one emission, so that it can be redelivered too. */
        private static UUID idOf(String what, OrderPlaced order, int emission) {
            return UUID.nameUUIDFromBytes(
                    (what + "/" + order.eventId() + "/" + emission).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static OrderPlaced placed(UUID eventId, UUID orderId, List<LineItem> items) {
        return new OrderPlaced(eventId, orderId, Instant.now(), "Ada", items, 1000, "EUR");
    }

    private static Message<byte[]> message(OrderEvent event) {
        return MessageBuilder.withPayload(codec.toJson(event))
                .copyHeaders(CloudEventHeaders.of(event, "/tests"))
                .build();
    }

    private String statusOf(UUID order) {
        return jdbc.sql("SELECT status FROM preparations WHERE order_id = ?")
                .param(order)
                .query(String.class)
                .single();
    }

    /** What the order holds of the inventory: reserved and not given back. */
    private Ingredients taken(UUID order) {
        return Ingredients.of(jdbc
                .sql("SELECT ingredient, sum(quantity) AS quantity FROM reservations "
                        + "WHERE order_id = ? AND released_at IS NULL GROUP BY ingredient")
                .param(order)
                .query((row, n) -> Map.entry(row.getString("ingredient"), row.getLong("quantity")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /**
     * The outcome events of {@code orders} on the preparations topic, by order, once the relay has published every
     * one of them: the outbox is the ledger until then, the topic after.
     */
    private Map<UUID, List<String>> outcomes(UUID... orders) {
        List<String> keys = Arrays.stream(orders).map(UUID::toString).toList();
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("SELECT count(*) FROM outbox WHERE record_key IN (:keys)")
                                .param("keys", keys)
                                .query(Long.class)
                                .single()
                        == 0);
        return kafka.records(Topics.PREPARATIONS, null).stream()
                .filter(record -> keys.contains(record.key()))
                .map(record -> codec.read(TestKafka.headers(record), record.value()))
                .collect(Collectors.groupingBy(
                        OrderEvent::orderId,
                        Collectors.mapping(event -> event.getClass().getSimpleName(), Collectors.toList())));
    }
}
