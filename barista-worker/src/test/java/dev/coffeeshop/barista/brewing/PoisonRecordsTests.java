package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.cancellationOf;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    private static final String CANCELLATIONS_DLQ = Topics.deadLetter(Topics.CANCELLATIONS, "barista-worker");

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void sendsGarbageBytesToTheDeadLetterTopicWithTheReasonAndKeepsPreparingOrders() {
        // given
        OrderPlaced placed = order("Eve", line("espresso", "small", 1));
        String key = UUID.randomUUID().toString();

        // when
        kafka.publishRaw(
                Topics.ORDERS,
                key,
                CloudEventHeaders.of(placed, "/test"),
                "{not json".getBytes(StandardCharsets.UTF_8));
        OrderPlaced next = order("Fay", line("americano", "small", 1));
        kafka.publish(next);

        // then
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(TestKafka.header(dead, "x-exception-message")).contains("payload is not a valid");
        assertThat(TestKafka.header(dead, "x-original-topic")).isEqualTo(Topics.ORDERS);
        assertThat(awaitOutcome(kafka, next.orderId())).isInstanceOf(OrderReady.class);
    }

    @Test
    void sendsARecordWithoutEventHeadersToTheDeadLetterTopic() {
        // given
        String key = UUID.randomUUID().toString();

        // when
        kafka.publishRaw(Topics.ORDERS, key, Map.of(), new byte[] {0, 1, 2, (byte) 0xff});

        // then
        assertThat(TestKafka.header(awaitDeadLetter(key), "x-exception-message"))
                .contains("missing header ce_type");
    }

    @Test
    void sendsAnOrderForAnUnknownDrinkToTheDeadLetterTopicAndChangesNothing() {
        // given
        OrderPlaced unknown = order("Gus", line("babyccino", "small", 1));
        double deadLettered = deadLettered("InvalidOrderException");

        // when
        kafka.publish(unknown);
        OrderPlaced next = order("Hal", line("flat-white", "small", 1));
        kafka.publish(next);

        // then
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknown.orderId().toString());
        // the reason and the class are the handler's own, not the wrappers' of the container and the batch
        assertThat(TestKafka.header(dead, "x-exception-message")).isEqualTo("unknown drink 'babyccino'");
        assertThat(TestKafka.header(dead, "x-exception-fqcn")).isEqualTo(InvalidOrderException.class.getName());
        assertThat(deadLettered("InvalidOrderException")).isEqualTo(deadLettered + 1);
        assertThat(dead.partition()).as("dlq-partitions: 1").isZero();
        assertThat(ByteBuffer.wrap(
                                dead.headers().lastHeader("x-original-offset").value())
                        .getLong())
                .isNotNegative();
        assertThat(TestKafka.header(dead, CloudEventHeaders.ID))
                .isEqualTo(unknown.eventId().toString());
        assertThat(awaitOutcome(kafka, next.orderId())).isInstanceOf(OrderReady.class);
        assertThat(jdbc.sql("SELECT count(*) FROM preparations WHERE order_id = ?")
                        .param(unknown.orderId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(kafka.events(Topics.PREPARATIONS, unknown.orderId())).isEmpty();
    }

    @Test
    void sendsARecordWithoutAValueToTheDeadLetterTopic() {
        // given
        OrderPlaced placed = order("Jo", line("espresso", "small", 1));

        // when
        kafka.publishRaw(Topics.ORDERS, placed.orderId().toString(), CloudEventHeaders.of(placed, "/test"), null);

        // then
        assertThat(TestKafka.header(awaitDeadLetter(placed.orderId().toString()), "x-exception-message"))
                .endsWith("empty payload for coffeeshop.order.placed.v1");
        assertThat(kafka.events(Topics.PREPARATIONS, placed.orderId())).isEmpty();
    }

    @Test
    void skipsARefundWhichIsNoneOfTheBaristasBusiness() {
        // given
        var refunded =
                new PaymentRefunded(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "Kim", 320, "OUT_OF_STOCK");

        // when
        RecordMetadata published = kafka.publish(refunded);

        // then
        kafka.awaitConsumed("barista-worker", published);
        assertThat(kafka.records(DLQ, refunded.orderId().toString())).isEmpty();
        assertThat(kafka.events(Topics.PREPARATIONS, refunded.orderId())).isEmpty();
    }

    @Test
    void sendsAnUnreadableCancellationToItsOwnDeadLetterTopicAndKeepsAnsweringCancellations() {
        // given
        CancellationRequested garbled =
                cancellationOf(order("Lee", line("espresso", "small", 1)), CancellationReason.CUSTOMER);
        OrderPlaced next = order("Mo", line("espresso", "small", 1));

        // when
        kafka.publishRaw(
                Topics.CANCELLATIONS,
                garbled.orderId().toString(),
                CloudEventHeaders.of(garbled, "/test"),
                "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.publish(cancellationOf(next, CancellationReason.CUSTOMER));

        // then
        ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(CANCELLATIONS_DLQ, garbled.orderId().toString()), r -> !r.isEmpty())
                .getFirst();
        assertThat(TestKafka.header(dead, "x-exception-message")).contains("payload is not a valid");
        assertThat(TestKafka.header(dead, "x-original-topic")).isEqualTo(Topics.CANCELLATIONS);
        assertThat(awaitOutcome(kafka, next.orderId())).isInstanceOf(PreparationCancelled.class);
        assertThat(kafka.events(Topics.PREPARATIONS, garbled.orderId())).isEmpty();
    }

    private double deadLettered(String reason) {
        Counter counter = meters.find("coffeeshop.dlq.records")
                .tags("topic", Topics.ORDERS, "group", "barista-worker", "reason", reason)
                .counter();
        return counter == null ? 0.0 : counter.count();
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(DLQ, key), records -> !records.isEmpty())
                .getFirst();
    }
}
