package dev.coffeeshop.notification.pickup;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ids of the events already handled, so that a redelivered event changes nothing. */
@Repository
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code eventId}; false when it was recorded before, i.e. the event is a duplicate. */
    boolean firstTime(UUID eventId) {
        return jdbc.sql(
                                "INSERT INTO processed_events (event_id, processed_at) VALUES (?, now()) ON CONFLICT DO NOTHING")
                        .param(eventId)
                        .update()
                == 1;
    }
}
