package dev.coffeeshop.local.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the infrastructure alone can do on this machine, measured on the very broker and database the system runs on:
 * the bounds any end-to-end figure is to be read against.
 */
final class Ceilings {

    static final String SCRATCH_DATABASE = "bench_scratch";
    static final int RECORD_BYTES = 500;
    /** A topic of the system whose partitions and replication the scratch topics copy. */
    static final String MODEL_TOPIC = "coffeeshop.intake.orders";

    private Ceilings() {}

    /**
     * One-row INSERTs, each its own transaction (autocommit), from {@code threads} connections into a table of a
     * database made for the purpose: transactions per second. The embedded PostgreSQL runs without fsync and with
     * {@code synchronous_commit=off}, for the services as for this: a commit does not wait for the disk here.
     */
    static double databaseInserts(int postgresPort, int threads, Duration warmUp, Duration window) throws SQLException {
        String admin = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + SCRATCH_DATABASE);
            statement.execute("CREATE DATABASE " + SCRATCH_DATABASE);
        }
        String scratch = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + SCRATCH_DATABASE;
        try (Connection connection = DriverManager.getConnection(scratch, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE scratch (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        var committed = new AtomicLong();
        var failure = new java.util.concurrent.atomic.AtomicReference<SQLException>();
        var workers = new ArrayList<Thread>();
        String payload = "x".repeat(100);
        for (int i = 0; i < threads; i++) {
            // one platform thread per connection, a fixed handful: the JDBC driver blocks in socket reads
            workers.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = DriverManager.getConnection(scratch, "postgres", "");
                        var insert = connection.prepareStatement("INSERT INTO scratch (payload) VALUES (?)")) {
                    connection.setAutoCommit(true);
                    insert.setString(1, payload);
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= measureUntil) {
                            return;
                        }
                        insert.executeUpdate();
                        if (sent >= measureFrom && System.nanoTime() <= measureUntil) {
                            committed.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        join(workers);
        if (failure.get() != null) {
            throw failure.get();
        }
        return committed.get() / (window.toNanos() / 1e9);
    }

    /** The scratch topic {@code name}, made like the system's own: same partitions, same replication. */
    static TopicDescription scratchTopic(String bootstrapServers, Map<String, Object> security, String name)
            throws Exception {
        var config = new java.util.HashMap<String, Object>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            TopicDescription model = admin.describeTopics(List.of(MODEL_TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(MODEL_TOPIC);
            int partitions = model.partitions().size();
            short replication = (short) model.partitions().get(0).replicas().size();
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, partitions, replication)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            return admin.describeTopics(List.of(name))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(name);
        }
    }

    /** As many acks=all records of {@link #RECORD_BYTES} as one producer gets acknowledged: records per second. */
    static double kafkaProduce(
            String bootstrapServers, Map<String, Object> security, String topic, Duration warmUp, Duration window) {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        var acknowledged = new AtomicLong();
        var failed = new AtomicLong();
        byte[] value = new byte[RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(value);
        try (var producer = new KafkaProducer<String, byte[]>(
                producerConfig(bootstrapServers, security, Map.of()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            while (System.nanoTime() < measureUntil) {
                producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value), (metadata, e) -> {
                    long now = System.nanoTime();
                    if (e != null) {
                        failed.incrementAndGet();
                    } else if (now >= measureFrom && now <= measureUntil) {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records were not acknowledged");
        }
        return acknowledged.get() / (window.toNanos() / 1e9);
    }

    /**
     * Records sent at a moderate {@code perSecond} (acks=all, sent at once rather than batched) and read back by a
     * consumer in this JVM: the time from send to receipt of each, measured on one clock.
     */
    static List<Duration> kafkaRoundTrips(
            String bootstrapServers,
            Map<String, Object> security,
            TopicDescription topic,
            int perSecond,
            Duration window)
            throws InterruptedException {
        var latencies = new ArrayList<Duration>();
        var stop = new AtomicBoolean();
        var consumerConfig = new Properties();
        consumerConfig.putAll(security);
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        var assigned = new java.util.concurrent.CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var consumer =
                    new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = IntStream.range(
                                0, topic.partitions().size())
                        .mapToObj(p -> new TopicPartition(topic.name(), p))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                assigned.countDown();
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long received = System.nanoTime();
                        long sent = ByteBuffer.wrap(record.value()).getLong();
                        synchronized (latencies) {
                            latencies.add(Duration.ofNanos(received - sent));
                        }
                    }
                }
            }
        });
        assigned.await(30, TimeUnit.SECONDS);
        try (var producer = new KafkaProducer<String, byte[]>(
                producerConfig(bootstrapServers, security, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(),
                new ByteArraySerializer())) {
            long period = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            long count = window.toNanos() / period;
            for (long i = 0; i < count; i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                byte[] value = new byte[RECORD_BYTES];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(
                        new ProducerRecord<>(topic.name(), UUID.randomUUID().toString(), value));
            }
            producer.flush();
        }
        // the last records are on their way to the reader
        TimeUnit.MILLISECONDS.sleep(500);
        stop.set(true);
        reader.join();
        synchronized (latencies) {
            return List.copyOf(latencies);
        }
    }

    private static Map<String, Object> producerConfig(
            String bootstrapServers, Map<String, Object> security, Map<String, Object> extra) {
        var config = new java.util.HashMap<String, Object>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(extra);
        return config;
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
