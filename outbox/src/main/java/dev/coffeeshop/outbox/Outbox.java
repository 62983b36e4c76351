package dev.coffeeshop.outbox;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.OrderEvent;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores an event in the caller's transaction. It reaches Kafka only if that transaction commits, and the relay is
 * woken right after the commit so the event does not wait for the next poll.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public Outbox(JdbcClient jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /** Must be called inside the transaction that makes the state change {@code event} announces. */
    public void add(OrderEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are added to the outbox inside the state change's transaction");
        }
        EventType type = EventType.of(event);
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, topic, record_key, occurred_at, payload)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        event.eventId(),
                        type.ceType(),
                        type.topic(),
                        event.orderId().toString(),
                        Timestamp.from(event.occurredAt()),
                        codec.toJson(event))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
