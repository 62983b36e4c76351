package dev.coffeeshop.notification.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.notification.board.BoardStream.Event;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class BoardTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BoardChanges changes;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void showsAnOrderInPreparationAndThenReadyForPickup() throws Exception {
        // given
        UUID order = UUID.randomUUID();
        try (BoardStream screen = following()) {
            assertThat(screen.events().getFirst().type()).isEqualTo("snapshot");

            // when
            kafka.publish(placed(order, "Ada"));
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, order), statuses -> statuses.equals(List.of("PREPARING")));
            kafka.publish(ready(order, "Ada"));

            // then
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, order), statuses -> statuses.equals(List.of("PREPARING", "READY")));
            assertThat(screen.changesOf(order.toString()))
                    .extracting(Event::name)
                    .containsOnly("Ada");
            assertThat(screen.events()).extracting(Event::id).isSorted();
        }
    }

    @Test
    void resumesAfterAReconnectWithoutLosingOrRepeatingAChange() throws Exception {
        // given a screen that saw Ada's order arrive, then lost its connection
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        long lastSeen;
        try (BoardStream screen = following()) {
            kafka.publish(placed(ada, "Ada"));
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, ada), statuses -> statuses.equals(List.of("PREPARING")));
            lastSeen = screen.lastEventId();
        }

        // when, while it is away, Ada's order is ready and Bob's arrives, and then it reconnects
        kafka.publish(ready(ada, "Ada"));
        kafka.publish(placed(bob, "Bob"));
        await().atMost(PATIENCE).until(() -> "READY".equals(boardStatus(ada)) && "PREPARING".equals(boardStatus(bob)));
        try (BoardStream screen = BoardStream.resume(port, lastSeen)) {

            // then it is sent exactly the changes it missed, in order, and no snapshot
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, ada).contains("READY")
                            && statuses(screen, bob).contains("PREPARING"));
            assertThat(statuses(screen, ada)).containsExactly("READY");
            assertThat(statuses(screen, bob)).containsExactly("PREPARING");
            assertThat(screen.events()).extracting(Event::type).containsOnly("change");
            assertThat(screen.events())
                    .extracting(Event::id)
                    .containsExactlyElementsOf(changeIdsBetween(lastSeen, screen.lastEventId()));
        }
    }

    @Test
    void numbersChangesInTheOrderTheyBecomeVisibleSoAReaderThatFollowsThemMissesNone() throws Exception {
        // given a reader that keeps asking for the changes after the last one it saw, as the feed does
        long start = changes.latest();
        var seen = new CopyOnWriteArrayList<Long>();
        var writing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            long last = start;
            boolean more = true;
            while (more) {
                more = writing.get();
                for (BoardChange change : changes.after(last, 1000)) {
                    seen.add(change.id());
                    last = change.id();
                }
            }
        });

        // when eight writers store notifications at once, each in its own transaction that commits a moment after
        // the insert (as the pickup counter's does), so that without care ids would commit out of order
        List<UUID> orders =
                IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
        var transaction = new TransactionTemplate(transactions);
        try (var writers = Executors.newFixedThreadPool(8)) {
            for (UUID order : orders) {
                writers.submit(() -> transaction.executeWithoutResult(status -> {
                    jdbc.sql("""
                                    INSERT INTO notifications
                                        (order_id, kind, customer_name, message, event_id, occurred_at, created_at)
                                    VALUES (?, 'RECEIVED', 'Ada', 'concurrent writers', ?, now(), now())
                                    """).param(order).param(UUID.randomUUID()).update();
                    jdbc.sql("SELECT pg_sleep(random() * 0.005)").query().singleRow();
                }));
            }
        }
        writing.set(false);
        reader.join(PATIENCE);

        // then the reader saw every change, each once, in order
        assertThat(seen).containsExactlyElementsOf(changeIdsBetween(start, Long.MAX_VALUE));
        assertThat(seen).hasSizeGreaterThanOrEqualTo(orders.size());
        takeOffTheBoardWhatConcurrentWritersPutThere();
    }

    private void takeOffTheBoardWhatConcurrentWritersPutThere() {
        jdbc.sql("""
                        INSERT INTO notifications
                            (order_id, kind, customer_name, message, event_id, occurred_at, created_at)
                        SELECT order_id, 'CANCELLED', customer_name, message, gen_random_uuid(), now(), now()
                        FROM notifications WHERE kind = 'RECEIVED' AND message = 'concurrent writers'
                        ON CONFLICT DO NOTHING
                        """).update();
    }

    @Test
    void showsAnOrderThatIsReadyBeforeItIsReceivedAsReadyAndLeavesItThere() throws Exception {
        // given
        UUID order = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        try (BoardStream screen = following()) {

            // when
            kafka.publish(ready(order, "Ada"));
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, order), statuses -> statuses.equals(List.of("READY")));
            kafka.publish(placed(order, "Ada"));
            await().atMost(PATIENCE).until(() -> notificationKinds(order) == 2);
            kafka.publish(placed(later, "Bob"));

            // then the late 'received' moved nothing: by the time a later order shows, Ada's is still only ready
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, later), statuses -> statuses.equals(List.of("PREPARING")));
            assertThat(statuses(screen, order)).containsExactly("READY");
        }
        try (BoardStream screen = following()) {
            assertThat(snapshotStatus(screen, order)).isEqualTo("READY");
        }
    }

    @Test
    void takesARefundedOrderOffTheBoard() throws Exception {
        // given
        UUID order = UUID.randomUUID();
        try (BoardStream screen = following()) {
            kafka.publish(placed(order, "Ada"));
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, order), statuses -> statuses.equals(List.of("PREPARING")));

            // when
            kafka.publish(new PaymentRefunded(UUID.randomUUID(), order, Instant.now(), "Ada", 490, "OUT_OF_STOCK"));

            // then
            await().atMost(PATIENCE)
                    .until(() -> statuses(screen, order), statuses -> statuses.equals(List.of("PREPARING", "GONE")));
        }
        try (BoardStream screen = following()) {
            assertThat(snapshotStatus(screen, order)).isNull();
        }
    }

    @Test
    void servesThePageWithoutExternalAssetsAndPutsNamesInAsText() {
        // when
        String page = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/board")
                .retrieve()
                .body(String.class);

        // then
        assertThat(page).contains("In preparation", "Ready for pickup", "EventSource", "textContent");
        assertThat(page).doesNotContain("innerHTML", "http://", "https://", "<link", "src=");
    }

    /** A screen that has the board as it stands, so whatever happens next reaches it as a change. */
    private BoardStream following() {
        BoardStream screen = BoardStream.follow(port);
        await().atMost(PATIENCE).until(() -> !screen.events().isEmpty());
        return screen;
    }

    private static List<String> statuses(BoardStream screen, UUID order) {
        return screen.changesOf(order.toString()).stream().map(Event::status).toList();
    }

    private static String snapshotStatus(BoardStream screen, UUID order) {
        Event snapshot = screen.events().getFirst();
        assertThat(snapshot.type()).isEqualTo("snapshot");
        for (var entry : snapshot.data().get("orders")) {
            if (entry.get("order").asString().equals(order.toString())) {
                return entry.get("status").asString();
            }
        }
        return null;
    }

    private List<Long> changeIdsBetween(long after, long upTo) {
        return jdbc.sql("SELECT id FROM board_changes WHERE id > ? AND id <= ? ORDER BY id")
                .param(after)
                .param(upTo)
                .query(Long.class)
                .list();
    }

    private String boardStatus(UUID order) {
        return jdbc.sql("SELECT status FROM board_orders WHERE order_id = ?")
                .param(order)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private int notificationKinds(UUID order) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?")
                .param(order)
                .query(Integer.class)
                .single();
    }

    static OrderPlaced placed(UUID order, String name) {
        return new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                name,
                List.of(new LineItem("latte", "large", 1, List.of("oat-milk"))),
                490,
                "EUR");
    }

    static OrderReady ready(UUID order, String name) {
        return new OrderReady(UUID.randomUUID(), order, Instant.now(), name);
    }
}
