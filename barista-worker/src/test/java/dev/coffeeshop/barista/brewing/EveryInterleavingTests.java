package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.barista.inventory.Ingredients;
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
