package dev.coffeeshop.messaging.inbox;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the tests' consumer does with an event: in one transaction, asks the inbox whether the event is new and only
 * then appends its effect to the {@code effects} ledger, which has no unique constraint, so acting twice shows.
 */
class Effects {

    private final Inbox inbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Effects(Inbox inbox, JdbcClient jdbc, TransactionTemplate transactions) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void actOn(UUID eventId, String topic, int partition, long offset) {
        transactions.executeWithoutResult(tx -> {
            if (inbox.recordIfNew(eventId)) {
                jdbc.sql("INSERT INTO effects (event_id, topic, partition, \"offset\") VALUES (?, ?, ?, ?)")
                        .params(eventId, topic, partition, offset)
                        .update();
            }
        });
    }

    /** The events of {@code topic} acted on more than once. */
    List<UUID> actedOnTwice(String topic) {
        return jdbc.sql("SELECT event_id FROM effects WHERE topic = ? GROUP BY event_id HAVING count(*) > 1")
                .param(topic)
                .query(UUID.class)
                .list();
    }

    /** The events of {@code topic} acted on so far. */
    List<UUID> actedOn(String topic) {
        return jdbc.sql("SELECT DISTINCT event_id FROM effects WHERE topic = ?")
                .param(topic)
                .query(UUID.class)
                .list();
    }

    /** Whether the inbox holds a row for {@code eventId}. */
    boolean recorded(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
