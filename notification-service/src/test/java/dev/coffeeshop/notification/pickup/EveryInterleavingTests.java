package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.testsupport.RealInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/**
 * The pickup counter is order-independent: whatever order an order's events arrive in, however often each is
 * redelivered and whether a fact is published again under a new event id, the customer ends up told the same things
 * as after the in-order run, and each of them is delivered exactly once.
 *
 * <p>The events go straight into {@link PickupCounter#handle}, with the real transaction, database and dispatcher,
 * so the interleaving is exactly the generated one rather than whatever the broker makes of it.
 */
// exactly NotificationServiceTests' configuration: the cached context is reused, no second consumer joins the group
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class EveryInterleavingTests {

    /** How often one fact may be published again under a new event id. */
    static final int MAX_REEMISSIONS = 2;

    @Autowired
    PickupCounter counter;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    // jqwik does not run Spring's JUnit extension; the test context manager injects from Spring's context cache
    @BeforeProperty
    void useTheSharedApplicationContext() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @Property(tries = 80)
    void aShuffledDuplicatedStreamEndsLikeTheInOrderOne(@ForAll("interleavings") Interleaving interleaving) {
        // given one story told in order to one order, and shuffled, duplicated and re-emitted to its twin
        Story inOrder = new Story(interleaving.outcome(), interleaving.customerName(), interleaving.amountCents());
        Story twin = new Story(interleaving.outcome(), interleaving.customerName(), interleaving.amountCents());
        List<OrderEvent> stream = twin.delivered(interleaving.deliveries());
        Statistics.label("arrives first").collect(stream.getFirst().getClass().getSimpleName());

        // when
        inOrder.facts().forEach(counter::handle);
        stream.forEach(counter::handle);

        // then
        assertThat(told(inOrder.orderId()).keySet()).isEqualTo(kinds(interleaving.outcome()));
        assertThat(told(twin.orderId())).isEqualTo(told(inOrder.orderId()));
        Map<NotificationKind, Long> onceEach =
                kinds(interleaving.outcome()).stream().collect(Collectors.toMap(kind -> kind, kind -> 1L));
        assertThat(deliveries(inOrder.orderId())).as("deliveries in order").isEqualTo(onceEach);
        assertThat(deliveries(twin.orderId())).as("deliveries interleaved").isEqualTo(onceEach);
    }

    @Provide
    Arbitrary<Interleaving> interleavings() {
        Arbitrary<String> customers = Arbitraries.of("Ada", "Zoë", "", "O'Brien");
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 100_000);
        return Arbitraries.of(Outcome.class).flatMap(outcome -> {
            Arbitrary<Delivery> extra = Combinators.combine(
                            Arbitraries.integers().between(0, outcome.facts() - 1),
                            Arbitraries.integers().between(0, MAX_REEMISSIONS))
                    .as(Delivery::new);
            Arbitrary<List<Delivery>> shuffled = extra.list().ofMaxSize(6).flatMap(extras -> {
                var all = new ArrayList<Delivery>();
                for (int fact = 0; fact < outcome.facts(); fact++) {
                    all.add(new Delivery(fact, 0));
                }
                all.addAll(extras);
                return Arbitraries.shuffle(all);
            });
            return Combinators.combine(customers, amounts, shuffled)
                    .as((customer, amount, deliveries) -> new Interleaving(outcome, customer, amount, deliveries));
        });
    }

    /** How an order ends: each one is a different in-order stream. */
    enum Outcome {
        READY(2),
        REFUNDED(3),
        /** Placed, stopped by the baristas at the customer's request, cancelled once the payment is voided. */
        CANCELLED(3),
        /** Placed, the customer's cancellation refused as too late, ready. */
        CANCELLATION_REFUSED(3);

        private final int facts;

        Outcome(int facts) {
            this.facts = facts;
        }

        int facts() {
            return facts;
        }
    }

    /**
     * One record the consumer receives: the {@code fact}-th event of the in-order stream, in its original emission
     * (0, the same event id every time) or re-emitted under a new event id ({@code emission} 1 and up).
     */
    record Delivery(int fact, int emission) {}

    record Interleaving(Outcome outcome, String customerName, long amountCents, List<Delivery> deliveries) {}

    /** The events of one fresh order, and the same facts emitted again under new event ids. */
    static final class Story {

        private final UUID orderId = UUID.randomUUID();
        private final Outcome outcome;
        private final String customerName;
        private final long amountCents;
        private final Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private final Map<Delivery, OrderEvent> emissions = new HashMap<>();

        Story(Outcome outcome, String customerName, long amountCents) {
            this.outcome = outcome;
            this.customerName = customerName;
            this.amountCents = amountCents;
        }

        UUID orderId() {
            return orderId;
        }

        /**
         * The in-order stream: placed then ready; placed, rejected, refunded; placed, preparation cancelled, order
         * cancelled; or placed, cancellation refused, ready.
         */
        List<OrderEvent> facts() {
            var facts = new ArrayList<OrderEvent>();
            for (int fact = 0; fact < outcome.facts(); fact++) {
                facts.add(emission(new Delivery(fact, 0)));
            }
            return facts;
        }

        List<OrderEvent> delivered(List<Delivery> deliveries) {
            return deliveries.stream().map(this::emission).toList();
        }

        private OrderEvent emission(Delivery delivery) {
            return emissions.computeIfAbsent(delivery, d -> fact(d.fact(), UUID.randomUUID(), d.emission()));
        }

        private OrderEvent fact(int fact, UUID eventId, int emission) {
            Instant at = placedAt.plusSeconds(60L * fact + emission);
            return switch (outcome) {
                case READY -> fact == 0 ? placed(eventId, at) : new OrderReady(eventId, orderId, at, customerName);
                case REFUNDED ->
                    switch (fact) {
                        case 0 -> placed(eventId, at);
                        case 1 ->
                            new OrderRejected(
                                    eventId,
                                    orderId,
                                    at,
                                    customerName,
                                    RejectionReason.OUT_OF_STOCK,
                                    "no pumpkin spice");
                        default -> new PaymentRefunded(eventId, orderId, at, customerName, amountCents, "OUT_OF_STOCK");
                    };
                case CANCELLED ->
                    switch (fact) {
                        case 0 -> placed(eventId, at);
                        case 1 ->
                            new PreparationCancelled(eventId, orderId, at, customerName, CancellationReason.CUSTOMER);
                        default -> new OrderCancelled(eventId, orderId, at, customerName, amountCents);
                    };
                case CANCELLATION_REFUSED ->
                    switch (fact) {
                        case 0 -> placed(eventId, at);
                        case 1 ->
                            new CancellationRefused(
                                    eventId, orderId, at, customerName, CancellationReason.CUSTOMER, "already brewing");
                        default -> new OrderReady(eventId, orderId, at, customerName);
                    };
            };
        }

        private OrderPlaced placed(UUID eventId, Instant at) {
            return new OrderPlaced(
                    eventId,
                    orderId,
                    at,
                    customerName,
                    List.of(new LineItem("pumpkin-spice-latte", "large", 1, List.of())),
                    amountCents,
                    "EUR");
        }
    }

    /** What the customer was told about {@code order}: each kind of notification with its message. */
    private Map<NotificationKind, String> told(UUID order) {
        return notifications.of(order).stream().collect(Collectors.toMap(Notification::kind, Notification::message));
    }

    /** The side-effect ledger: how many deliveries each kind of notification of {@code order} had. */
    private Map<NotificationKind, Long> deliveries(UUID order) {
        return jdbc
                .sql("SELECT kind, count(*) AS deliveries FROM deliveries WHERE order_id = ? GROUP BY kind")
                .param(order)
                .query((row, n) ->
                        Map.entry(NotificationKind.valueOf(row.getString("kind")), row.getLong("deliveries")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** What the customer hears about in the in-order run. */
    private static Set<NotificationKind> kinds(Outcome outcome) {
        return switch (outcome) {
            case READY -> Set.of(NotificationKind.RECEIVED, NotificationKind.READY_FOR_PICKUP);
            case REFUNDED -> Set.of(NotificationKind.RECEIVED, NotificationKind.REFUNDED);
            case CANCELLED -> Set.of(NotificationKind.RECEIVED, NotificationKind.CANCELLED);
            case CANCELLATION_REFUSED ->
                Set.of(
                        NotificationKind.RECEIVED,
                        NotificationKind.CANCELLATION_REFUSED,
                        NotificationKind.READY_FOR_PICKUP);
        };
    }
}
