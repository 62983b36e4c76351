package dev.coffeeshop.outbox;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderTraces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores an event in the caller's transaction. It reaches Kafka only if that transaction commits, and the relay is
 * woken right after the commit so the event does not wait for the next poll. The trace the event's order is in (its
 * W3C {@code traceparent}, when tracing is on: the one bound for the order in {@link OrderTraces} where several orders
 * are handled together, else the caller's current span) is stored with the event, and the relay publishes the record
 * with it, so that whoever consumes the event continues that trace.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Supplier<@Nullable String> traceparent;

    public Outbox(JdbcClient jdbc, EventCodec codec, OutboxRelay relay) {
        this(jdbc, codec, relay, () -> null);
    }

    /** {@code traceparent}: the W3C trace context of the caller's current span, or null outside of one. */
    public Outbox(JdbcClient jdbc, EventCodec codec, OutboxRelay relay, Supplier<@Nullable String> traceparent) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
        this.traceparent = traceparent;
    }

    /** Must be called inside the transaction that makes the state change {@code event} announces. */
    public void add(OrderEvent event) {
        addAll(List.of(event));
    }

    /**
     * Adds {@code events} in one statement, published in the order given. Must be called inside the transaction that
     * makes the state changes they announce.
     */
    public void addAll(List<? extends OrderEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are added to the outbox inside the state change's transaction");
        }
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        var ids = new UUID[n];
        var types = new String[n];
        var topics = new String[n];
        var keys = new String[n];
        var times = new String[n];
        var payloads = new String[n];
        var traces = new String[n];
        String current = traceparent.get();
        for (int i = 0; i < n; i++) {
            OrderEvent event = events.get(i);
            EventType type = EventType.of(event);
            ids[i] = event.eventId();
            types[i] = type.ceType();
            topics[i] = type.topic();
            keys[i] = event.orderId().toString();
            times[i] = event.occurredAt().toString();
            payloads[i] = new String(codec.toJson(event), StandardCharsets.UTF_8);
            traces[i] = OrderTraces.of(event.orderId()).orElse(current);
        }
        // the identity follows the order of the rows inserted: the events' order
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, topic, record_key, occurred_at, payload, traceparent)
                        SELECT e.id, e.type, e.topic, e.key, e.at::timestamptz, convert_to(e.payload, 'UTF8'), e.trace
                        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             WITH ORDINALITY AS e(id, type, topic, key, at, payload, trace, position)
                        ORDER BY e.position""").params(ids, types, topics, keys, times, payloads, traces).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
