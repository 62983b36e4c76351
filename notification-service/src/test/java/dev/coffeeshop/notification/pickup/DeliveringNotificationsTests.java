package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.notification.webhooks.Webhooks;
import dev.coffeeshop.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A notification reaches the customer's channel once its transaction commits, and keeps being handed over until the
 * channel took it: a channel that fails now and then, or a service that stopped between the commit and the hand-over,
 * delays a notification but never loses it.
 */
@SpringBootTest(properties = "coffeeshop.notification.delivery.sweep-interval=200ms")
@RealInfrastructure
class DeliveringNotificationsTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    PickupCounter counter;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    FlakyChannel channel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Webhooks webhooks;

    @Test
    void deliversANotificationWhoseChannelFailedOnceWhenItIsSweptUp() {
        // given a channel that fails the first time it is asked about this order
        OrderPlaced placed = placed("Ida");
        channel.failFirst(placed.orderId(), 1);

        // when
        counter.handle(placed);

        // then the failed attempt was retried, and the ledger shows one delivery
        await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);
        assertThat(channel.calls(placed.orderId())).isEqualTo(2);
        assertThat(due(placed.orderId())).isZero();
    }

    @Test
    void deliversANotificationThatCommittedButWasNeverHandedOver() {
        // given a notification stored as a service that stopped right after the commit would have left it
        OrderPlaced placed = placed("Jo");
        var stored = new Notification(
                placed.orderId(),
                NotificationKind.RECEIVED,
                "Jo",
                "Thanks Jo, we received your order",
                placed.eventId(),
                placed.occurredAt(),
                Instant.now());
        transactions.executeWithoutResult(tx -> notifications.add(stored));

        // when the sweep comes round
        await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);

        // then it was handed over once
        assertThat(channel.calls(placed.orderId())).isOne();
        assertThat(due(placed.orderId())).isZero();
    }

    @Test
    void handsANotificationThatWentThroughAtOnceOverOnlyOnce() {
        // given
        OrderPlaced placed = placed("Kit");

        // when
        counter.handle(placed);

        // then it is delivered in the consumer's own call, and no sweep hands it over again
        assertThat(deliveries(placed.orderId())).isOne();
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> channel.calls(placed.orderId()) == 1);
        assertThat(deliveries(placed.orderId())).isOne();
    }

    @Test
    void handsOverEveryNotificationOfABatchOnceTheBatchCommits() {
        // given three orders' placements, handled in one transaction as a poll of the orders topic is
        List<OrderPlaced> batch = List.of(placed("Kim"), placed("Lee"), placed("Max"));

        // when
        transactions.executeWithoutResult(tx -> {
            webhooks.lockOrders(batch.stream().map(OrderPlaced::orderId).toList());
            batch.forEach(counter::handle);
            // nothing reaches the channel before the commit
            batch.forEach(placed -> assertThat(channel.calls(placed.orderId())).isZero());
        });

        // then each was handed over once, and none is due any more
        for (OrderPlaced placed : batch) {
            await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);
            assertThat(channel.calls(placed.orderId())).isOne();
            assertThat(due(placed.orderId())).isZero();
        }
    }

    private static OrderPlaced placed(String name) {
        return new OrderPlaced(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), name, List.of(), 450, "EUR");
    }

    private long deliveries(UUID order) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE order_id = ?")
                .param(order)
                .query(Long.class)
                .single();
    }

    private long due(UUID order) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ? AND next_delivery_at IS NOT NULL")
                .param(order)
                .query(Long.class)
                .single();
    }

    /** A channel that fails the first calls about an order when told to, and counts every call. */
    static class FlakyChannel implements NotificationChannel {

        private final Map<UUID, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

        void failFirst(UUID order, int times) {
            failuresLeft.put(order, new AtomicInteger(times));
        }

        int calls(UUID order) {
            return calls.getOrDefault(order, new AtomicInteger()).get();
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void deliver(Notification notification) {
            calls.computeIfAbsent(notification.orderId(), o -> new AtomicInteger())
                    .incrementAndGet();
            AtomicInteger left = failuresLeft.get(notification.orderId());
            if (left != null && left.getAndDecrement() > 0) {
                throw new IllegalStateException("the channel is down");
            }
        }
    }

    @TestConfiguration
    static class Channels {

        @Bean
        @Primary
        FlakyChannel flakyChannel() {
            return new FlakyChannel();
        }
    }
}
