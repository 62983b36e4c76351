package dev.coffeeshop.outbox;

import dev.coffeeshop.events.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order, a batch at a time: all records of a batch are sent asynchronously, the
 * acknowledgements are awaited once for the whole batch, then the rows are deleted in the same transaction that
 * selected them. A crash between acknowledgement and delete publishes the batch again; consumers are idempotent.
 *
 * <p>Only one relay per database publishes at a time (a transaction-scoped advisory lock), which keeps the
 * per-order order even with several instances of a service running. While Kafka is unreachable rows simply stay,
 * and the relay backs off exponentially up to {@code maxBackoff}.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The W3C trace context header a record carries when its event was written inside a span. */
    public static final String TRACEPARENT = "traceparent";

    /** Arbitrary but fixed: identifies the relay's advisory lock in this service's database. */
    private static final long RELAY_LOCK = 0x0C0FFEE_0B0CL;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final TopicProvisioner topics;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(true, null, null));
    private final Counter published;
    private final Counter failures;
    private volatile Thread worker;
    private volatile boolean running;

    /** What the relay last saw: healthy, or the last failure and since when it has been failing. */
    public record Status(boolean healthy, String lastError, Instant failingSince) {}

    public OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Producer<String, byte[]> producer,
            OutboxProperties properties,
            TopicProvisioner topics,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.properties = properties;
        this.topics = topics;
        this.published = Counter.builder("coffeeshop.outbox.published")
                .description("events the broker acknowledged")
                .register(meters);
        this.failures = Counter.builder("coffeeshop.outbox.failed")
                .description("relay rounds that failed and will be retried")
                .register(meters);
        Gauge.builder("coffeeshop.outbox.backlog", this, OutboxRelay::backlog)
                .description("events waiting to be published")
                .register(meters);
        // how long the oldest waiting event has waited: a backlog that drains is fine however long it is, one whose
        // head does not move is the relay stuck (the broker gone, a topic refused)
        Gauge.builder("coffeeshop.outbox.backlog.age", this, OutboxRelay::backlogAgeSeconds)
                .description("how long the oldest event waiting to be published has waited; 0 when none waits")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Asks the relay to look for new rows now rather than at its next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public long backlog() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    /** Seconds since the oldest waiting event was stored, by the database's clock; 0 when the outbox is empty. */
    public double backlogAgeSeconds() {
        // the oldest row is the one with the lowest id: the primary key finds it without reading the table
        return jdbc.sql(
                        "SELECT coalesce(extract(epoch FROM now() - (SELECT created_at FROM outbox ORDER BY id LIMIT 1)), 0)")
                .query(Double.class)
                .single();
    }

    public Status status() {
        return status.get();
    }

    /** Publishes at most one batch; returns how many events the broker acknowledged. */
    public int publishBatch() {
        Integer sent = transactions.execute(tx -> {
            boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                    .param(RELAY_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return 0;
            }
            List<Row> rows = jdbc.sql("""
                            SELECT id, event_id, event_type, topic, record_key, occurred_at, payload, traceparent
                            FROM outbox ORDER BY id LIMIT ?""")
                    .param(properties.batchSize())
                    .query((rs, n) -> new Row(
                            rs.getLong("id"),
                            rs.getString("event_id"),
                            rs.getString("event_type"),
                            rs.getString("topic"),
                            rs.getString("record_key"),
                            rs.getTimestamp("occurred_at").toInstant(),
                            rs.getBytes("payload"),
                            rs.getString("traceparent")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            if (properties.haltAfterAcknowledgement()) {
                log.error(
                        "Fault injection: halting after the broker acknowledged {} events, before deleting them",
                        rows.size());
                Runtime.getRuntime().halt(137);
            }
            Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
            jdbc.sql("DELETE FROM outbox WHERE id = ANY(?)").param(ids).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void send(List<Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(producer.send(row.toRecord(properties.source())));
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("interrupted while waiting for acknowledgements", e);
        } catch (Exception e) {
            throw new RelayException("broker did not acknowledge a batch of " + rows.size() + ": " + e.getMessage(), e);
        }
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        boolean topicsReady = false;
        while (running) {
            try {
                if (!topicsReady) {
                    topics.ensure(properties.topics());
                    topicsReady = true;
                }
                int sent = publishBatch();
                published.increment(sent);
                backoff = Duration.ZERO;
                status.set(new Status(true, null, null));
                if (sent < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                Status previous = status.get();
                Instant since = previous.healthy() ? Instant.now() : previous.failingSince();
                status.set(new Status(false, e.getMessage(), since));
                backoff = nextBackoff(backoff);
                log.warn("Outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                try {
                    // a deliberate pause: the broker or database is down and hammering it helps nobody
                    TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(100) : current.multipliedBy(2);
        return next.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : next;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called once when the service shuts down, after {@link #stop()}; a stopped relay can be started again. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Row(
            long id,
            String eventId,
            String eventType,
            String topic,
            String key,
            Instant occurredAt,
            byte[] payload,
            @Nullable String traceparent) {

        ProducerRecord<String, byte[]> toRecord(String source) {
            var record = new ProducerRecord<String, byte[]>(topic, key, payload);
            header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(record, CloudEventHeaders.ID, eventId);
            header(record, CloudEventHeaders.TYPE, eventType);
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.TIME, occurredAt.toString());
            header(record, CloudEventHeaders.SUBJECT, key);
            header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
            if (traceparent != null) {
                // W3C trace context: the consumer's span continues the trace of the transaction that wrote the row
                header(record, TRACEPARENT, traceparent);
            }
            return record;
        }

        private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A round that did not complete; its rows stay and are sent again. */
    static class RelayException extends RuntimeException {
        RelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
