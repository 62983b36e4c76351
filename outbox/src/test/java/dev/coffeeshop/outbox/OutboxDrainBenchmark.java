package dev.coffeeshop.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the relay drains a backlog that built up while Kafka was unreachable, compared with how fast a service
 * fills the outbox. After an outage the backlog shrinks only as fast as the drain rate exceeds the intake rate, so
 * their ratio says how long a service needs to catch up: a backlog of {@code t} seconds of intake is gone after about
 * {@code t / (ratio - 1)} seconds while intake goes on.
 *
 * <ol>
 *   <li><b>intake</b>: several threads (4 by default) add events through {@link Outbox#add} one event per
 *       transaction, as a service does, with the relay running alongside;
 *   <li><b>intake during the outage</b>: the same with the relay stopped, so the rows stay;
 *   <li><b>drain</b>: the relay is started and timed until the backlog is empty; every event is then on the topic.
 * </ol>
 *
 * <p>It prints the figures and asserts nothing about them: absolute rates depend on the machine. Not part of the
 * build (the name does not end in {@code Tests}); run it with
 *
 * <pre>
 * ./mvnw -B -ntp -pl outbox -am test -Dtest=OutboxDrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * grep -h 'outbox drain benchmark' outbox/target/surefire-reports/*OutboxDrainBenchmark-output.txt
 * </pre>
 *
 * <p>{@code -Dbenchmark.events=20000} and {@code -Dbenchmark.writers=4} change the size of each phase and the number
 * of writing threads. It shares the Spring context of {@link OutboxRelayTests}, so running both starts one relay.
 */
@SpringBootTest(classes = OutboxRelayTests.OutboxApplication.class)
@RealInfrastructure
class OutboxDrainBenchmark {

    private static final int EVENTS_DEFAULT = 20_000;
    private static final int WRITERS_DEFAULT = 4;
    private static final int ORDERS = 1_000;

    private final int events = Integer.getInteger("benchmark.events", EVENTS_DEFAULT);
    private final int writers = Integer.getInteger("benchmark.writers", WRITERS_DEFAULT);
    private final List<UUID> orders =
            Stream.generate(UUID::randomUUID).limit(ORDERS).toList();

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    OutboxProperties properties;

    @Test
    void drainsABacklogFasterThanAServiceFillsIt() {
        // warm-up: connections, JIT, the producer's metadata
        add(Math.min(events, 2_000));
        awaitEmptyOutbox(Duration.ofMinutes(2));

        double intake = events / seconds(() -> add(events));
        awaitEmptyOutbox(Duration.ofMinutes(5));

        relay.stop();
        double intakeDuringOutage;
        long onTopic;
        long start;
        try {
            intakeDuringOutage = events / seconds(() -> add(events));
            assertThat(relay.backlog()).isEqualTo((long) events);
            onTopic = endOffsets();
        } finally {
            start = System.nanoTime();
            relay.start();
        }
        awaitEmptyOutbox(Duration.ofMinutes(5));
        double drain = events / ((System.nanoTime() - start) / 1e9);

        assertThat(endOffsets() - onTopic).as("records published by the drain").isEqualTo(events);
        String summary = String.format(
                Locale.ROOT,
                "outbox drain benchmark: drain %.0f events/s vs intake %.0f events/s = %.1fx"
                        + " (intake with the relay stopped %.0f events/s; %d events, %d writers, batch size %d)",
                drain,
                intake,
                drain / intake,
                intakeDuringOutage,
                events,
                writers,
                properties.batchSize());
        System.out.println(summary);
    }

    /** Adds {@code count} events, one per transaction, from {@link #writers} threads; returns when all committed. */
    private void add(int count) {
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            var done = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = writer; i < count; i += writers) {
                        var event = new OrderReady(
                                UUID.randomUUID(), orders.get(i % ORDERS), Instant.now(), "benchmark " + i);
                        transactions.executeWithoutResult(tx -> outbox.add(event));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing to the outbox failed", e);
        }
    }

    private void awaitEmptyOutbox(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> relay.backlog() == 0);
    }

    /** Seconds {@code work} took. */
    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Records on the topic so far: the sum of its partitions' end offsets. */
    private static long endOffsets() {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(
                TestInfrastructure.kafkaToolsClientConfig(),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.PREPARATIONS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
