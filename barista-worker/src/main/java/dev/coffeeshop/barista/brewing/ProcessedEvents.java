package dev.coffeeshop.barista.brewing;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ids of the events whose effect is committed, recorded in the same transaction as that effect, so that a redelivered
 * event changes nothing. The one place that reads or writes them.
 */
@Repository
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code eventId} was recorded before; records nothing. */
    boolean processed(UUID eventId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = ?)")
                .param(eventId)
                .query(Boolean.class)
                .single();
    }

    /** Records {@code eventId}; false when it was recorded before. */
    boolean record(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")
                        .param(eventId)
                        .update()
                == 1;
    }
}
