package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pruning the inbox never lets an event that is still on its topic be acted on again: events flow through a topic
 * whose old segments the broker deletes within seconds, a consumer acts on each one only when the inbox says it is
 * new, the inbox is pruned, and then everything still on the topic is read again from its beginning, as after a
 * consumer group reset to the earliest offset.
 *
 * <p>The topics keep records for {@value #RETENTION_MS} ms and accept producer timestamps up to {@value #AHEAD_MS} ms
 * ahead of the broker; the broker checks for old segments every second ({@link TestInfrastructure}).
 */
@SpringBootTest(
        classes = {InboxTestApplication.class, InboxRetentionTests.ActingOnEvents.class},
        properties = {
            "spring.cloud.function.definition=actOnEvent",
            "spring.cloud.stream.bindings.actOnEvent-in-0.group=inbox-proof"
        })
@RealInfrastructure
class InboxRetentionTests {

    static final long RETENTION_MS = 2_000;
    static final long AHEAD_MS = 1_000;

    /** The consumer's topic: segments roll every 6 s, three partitions. */
    static final String CONSUMED = "inbox-proof-" + UUID.randomUUID();

    static final long CONSUMED_SEGMENT_MS = 6_000;

    /**
     * A topic whose segments roll every minute, to show what a horizon without {@code segment.ms} does: its first
     * segment stays readable for a minute, however slowly the test runs.
     */
    static final String LONG_SEGMENTS = "inbox-long-segments-" + UUID.randomUUID();

    static final long LONG_SEGMENT_MS = 60_000;

    /** The margin of {@code application.yml}. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        // created with their retention before the binding subscribes
        kafka.createTopic(CONSUMED, 3, settings(CONSUMED_SEGMENT_MS));
        kafka.createTopic(LONG_SEGMENTS, 1, settings(LONG_SEGMENT_MS));
        registry.add("spring.cloud.stream.bindings.actOnEvent-in-0.destination", () -> CONSUMED);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ActingOnEvents {

        @Bean
        Effects effects(Inbox inbox, JdbcClient jdbc, TransactionTemplate transactions) {
            return new Effects(inbox, jdbc, transactions);
        }

        /** The consumer under test: one effect per event, when the inbox says it is new. */
        @Bean
        Consumer<Message<?>> actOnEvent(Effects effects) {
            return message -> effects.actOn(
                    eventId(message.getPayload()),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
                    message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
        }
    }

    @Autowired
    InboxPruner pruner;

    @Autowired
    Effects effects;

    @Autowired
    JdbcClient jdbc;

    final Duration checkInterval =
            Duration.ofMillis(Long.parseLong(kafka.brokerSetting(RetentionHorizon.RETENTION_CHECK_INTERVAL)));

    @Test
    void neverActsTwiceOnAnEventStillOnItsTopicOncePrunedWithTheHorizonReadFromKafka() {
        // given events flowing through the consumed topic until the broker has deleted its first segments and some
        // events were acted on longer ago than the horizon
        Duration horizon = Duration.ofMillis(RETENTION_MS + CONSUMED_SEGMENT_MS + AHEAD_MS)
                .plus(checkInterval)
                .plus(MARGIN);
        var published = new ConcurrentLinkedQueue<UUID>();
        InboxPruner.Round round;
        long forgotten;
        List<ConsumerRecord<String, byte[]>> stillOnTheTopic;
        List<UUID> stillOnTheTopicWithoutRow;
        try (var producer = new Traffic(CONSUMED, Duration.ofMillis(100), published)) {
            await().atMost(horizon.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            kafka.earliestOffsets(CONSUMED).values().stream().allMatch(offset -> offset > 0)
                                    && actedOnBefore(CONSUMED, horizon.plusSeconds(1)));

            // when the inbox is pruned, and everything still on the topic is consumed again
            round = pruner.prune();
            forgotten = forgotten(CONSUMED);
            stillOnTheTopic = kafka.records(CONSUMED, null);
            stillOnTheTopicWithoutRow = stillOnTheTopic.stream()
                    .map(record -> eventId(record.value()))
                    .filter(event -> !effects.recorded(event))
                    .toList();
            stillOnTheTopic.forEach(record ->
                    effects.actOn(eventId(record.value()), record.topic(), record.partition(), record.offset()));
        }

        // then the pruning used the real horizon and forgot events, none of them still on the topic
        assertThat(round.horizon())
                .isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> assertThat(known.horizon())
                        .isEqualTo(horizon));
        assertThat(round.pruned()).isPositive();
        assertThat(forgotten).as("events of the topic forgotten by the pruning").isPositive();
        assertThat(stillOnTheTopic).isNotEmpty();
        assertThat(stillOnTheTopicWithoutRow)
                .as("records still on the topic whose event was forgotten")
                .isEmpty();
        // and every event was acted on, once
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Set.copyOf(effects.actedOn(CONSUMED)).containsAll(published));
        assertThat(effects.actedOnTwice(CONSUMED)).isEmpty();
    }

    @Test
    void wouldActTwiceOnAnEventStillOnItsTopicHadTheHorizonLeftOutSegmentMs() {
        // given a consumer acting on events of a topic whose segments roll every minute, running until the first event
        // was acted on longer ago than retention, the broker's check interval and the margin together
        Duration withoutSegmentMs =
                Duration.ofMillis(RETENTION_MS + AHEAD_MS).plus(checkInterval).plus(MARGIN);
        var published = new ConcurrentLinkedQueue<UUID>();
        long pruned;
        List<UUID> stillOnTheTopic;
        UUID first;
        try (var producer = new Traffic(LONG_SEGMENTS, Duration.ofMillis(200), published);
                var consumer = new ActingConsumer(LONG_SEGMENTS, effects)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> actedOnBefore(LONG_SEGMENTS, withoutSegmentMs.plusSeconds(1)));
            first = published.peek();

            // when the inbox is pruned with that horizon, and everything still on the topic is consumed again
            pruned = pruner.prune(withoutSegmentMs);
            var records = kafka.records(LONG_SEGMENTS, null);
            records.forEach(record ->
                    effects.actOn(eventId(record.value()), record.topic(), record.partition(), record.offset()));
            stillOnTheTopic =
                    records.stream().map(record -> eventId(record.value())).toList();
        }

        // then the first event was still on the topic, in the segment that had not rolled yet, and was acted on twice
        assertThat(pruned).isPositive();
        assertThat(stillOnTheTopic).contains(first);
        assertThat(effects.actedOnTwice(LONG_SEGMENTS)).contains(first);
        // which the horizon read from Kafka would have prevented: it keeps the rows for the segment's minute too
        assertThat(new KafkaRetention(TestInfrastructure.kafkaToolsClientConfig(), Duration.ofSeconds(10))
                        .horizon(Set.of(LONG_SEGMENTS), MARGIN))
                .isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> assertThat(known.horizon())
                        .isEqualTo(withoutSegmentMs.plusMillis(LONG_SEGMENT_MS)));
    }

    /** Whether an event of {@code topic} was acted on longer than {@code ago} ago, by the database's clock. */
    private boolean actedOnBefore(String topic, Duration ago) {
        return jdbc.sql("""
                        SELECT count(*) FROM effects
                        WHERE topic = ? AND acted_at < now() - ? * interval '1 millisecond'""").params(topic, ago.toMillis()).query(Long.class).single() > 0;
    }

    /** Events of {@code topic} acted on whose inbox row is gone. */
    private long forgotten(String topic) {
        return jdbc.sql("""
                        SELECT count(*) FROM effects e WHERE topic = ?
                        AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = e.event_id)""").param(topic).query(Long.class).single();
    }

    private static Map<String, String> settings(long segmentMs) {
        return Map.of(
                "retention.ms", String.valueOf(RETENTION_MS),
                "segment.ms", String.valueOf(segmentMs),
                "message.timestamp.type", "CreateTime",
                "message.timestamp.after.max.ms", String.valueOf(AHEAD_MS));
    }

    private static UUID eventId(Object payload) {
        return UUID.fromString(
                payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString());
    }

    /** Publishes a new event to {@code topic} every {@code pace}, keyed at random, until closed. */
    static final class Traffic implements AutoCloseable {

        private final ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();

        Traffic(String topic, Duration pace, Queue<UUID> published) {
            producer.scheduleAtFixedRate(
                    () -> {
                        UUID event = UUID.randomUUID();
                        try {
                            kafka.publishRaw(
                                    topic,
                                    UUID.randomUUID().toString(),
                                    Map.of(),
                                    event.toString().getBytes(StandardCharsets.UTF_8));
                            published.add(event);
                        } catch (RuntimeException e) {
                            // not published, so not expected anywhere; a failed run would end the schedule
                        }
                    },
                    0,
                    pace.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            producer.shutdownNow();
            try {
                producer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A plain consumer of every partition of {@code topic} from its beginning, acting on each record once read. */
    static final class ActingConsumer implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;

        ActingConsumer(String topic, Effects effects) {
            thread = Thread.ofPlatform().name("acting-consumer").start(() -> {
                var config = TestInfrastructure.kafkaToolsClientConfig();
                config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                try (var consumer = new KafkaConsumer<String, byte[]>(
                        config, new StringDeserializer(), new ByteArrayDeserializer())) {
                    var partitions = consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    while (running) {
                        for (var record : consumer.poll(Duration.ofMillis(100))) {
                            effects.actOn(eventId(record.value()), topic, record.partition(), record.offset());
                        }
                    }
                }
            });
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
