package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Cashier.line;
import static dev.coffeeshop.barista.brewing.Cashier.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BaristaIntegrationTest
class PoisonRecordsTests {

    private static final String DLQ = Topics.deadLetter(Topics.ORDERS, "barista-worker");

    @AutoClose
    static final Cashier cashier = new Cashier();

    @AutoClose
    static final TopicReader deadLetters = new TopicReader(DLQ);

    @AutoClose
    static final TopicReader preparations = new TopicReader(Topics.PREPARATIONS);

    @Autowired
    JdbcClient jdbc;

    @Test
    void sendsGarbageBytesToTheDeadLetterTopicWithTheReasonAndKeepsPreparingOrders() {
        // given
        OrderPlaced placed = order("Eve", line("espresso", "small", 1));
        String key = UUID.randomUUID().toString();

        // when
        cashier.publishes(key, "{not json".getBytes(StandardCharsets.UTF_8), CloudEventHeaders.of(placed, "/test"));
        OrderPlaced next = order("Fay", line("americano", "small", 1));
        cashier.publishes(next);

        // then
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(TopicReader.header(dead, "x-exception-message")).contains("payload is not a valid");
        assertThat(TopicReader.header(dead, "x-original-topic")).isEqualTo(Topics.ORDERS);
        assertThat(preparations.awaitFirstEventOf(next.orderId())).isInstanceOf(OrderReady.class);
    }

    @Test
    void sendsARecordWithoutEventHeadersToTheDeadLetterTopic() {
        // given
        String key = UUID.randomUUID().toString();

        // when
        cashier.publishes(key, new byte[] {0, 1, 2, (byte) 0xff}, Map.of());

        // then
        assertThat(TopicReader.header(awaitDeadLetter(key), "x-exception-message"))
                .contains("missing header ce_type");
    }

    @Test
    void sendsAnOrderForAnUnknownDrinkToTheDeadLetterTopicAndChangesNothing() {
        // given
        OrderPlaced unknown = order("Gus", line("babyccino", "small", 1));

        // when
        cashier.publishes(unknown);
        OrderPlaced next = order("Hal", line("flat-white", "small", 1));
        cashier.publishes(next);

        // then
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknown.orderId().toString());
        // the binder wraps the listener's exception: the reason is the end of the message, the class is the wrapper's
        assertThat(TopicReader.header(dead, "x-exception-message")).endsWith("; unknown drink 'babyccino'");
        assertThat(TopicReader.header(dead, "x-exception-fqcn")).isNotBlank();
        assertThat(ByteBuffer.wrap(
                                dead.headers().lastHeader("x-original-offset").value())
                        .getLong())
                .isNotNegative();
        assertThat(TopicReader.header(dead, CloudEventHeaders.ID))
                .isEqualTo(unknown.eventId().toString());
        assertThat(preparations.awaitFirstEventOf(next.orderId())).isInstanceOf(OrderReady.class);
        assertThat(jdbc.sql("SELECT count(*) FROM preparations WHERE order_id = ?")
                        .param(unknown.orderId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(preparations.eventsOf(unknown.orderId())).isEmpty();
    }

    @Test
    void sendsARecordWithoutAValueToTheDeadLetterTopic() {
        // given
        OrderPlaced placed = order("Jo", line("espresso", "small", 1));

        // when
        cashier.publishes(placed.orderId().toString(), null, CloudEventHeaders.of(placed, "/test"));

        // then
        assertThat(TopicReader.header(awaitDeadLetter(placed.orderId().toString()), "x-exception-message"))
                .endsWith("empty payload for coffeeshop.order.placed.v1");
        assertThat(preparations.eventsOf(placed.orderId())).isEmpty();
    }

    @Test
    void skipsARefundWhichIsNoneOfTheBaristasBusiness() {
        // given
        var refunded =
                new PaymentRefunded(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "Kim", 320, "OUT_OF_STOCK");

        // when
        RecordMetadata published = cashier.publishes(refunded);

        // then
        TopicReader.awaitConsumed("barista-worker", published);
        assertThat(deadLetters.recordsFor(refunded.orderId())).isEmpty();
        assertThat(preparations.eventsOf(refunded.orderId())).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.recordsFor(key), records -> !records.isEmpty())
                .getFirst();
    }
}
