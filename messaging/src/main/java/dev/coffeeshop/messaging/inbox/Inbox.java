package dev.coffeeshop.messaging.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ids of the events this service has acted on ({@code processed_events}, schema in {@code classpath:db/inbox}),
 * written in the caller's transaction, the one that makes the event's effect: the id is recorded if and only if the
 * effect commits, so a redelivered, duplicated or replayed event is recognised and changes nothing.
 *
 * <p>Every method must be called inside that transaction and refuses to work outside one.
 *
 * <p>A duplicate is counted as {@value #DEDUPLICATED} and its row made as fresh as if the event had just been acted
 * on: the copy that came in may stay on its topic longer than the one acted on first (a batch the outbox relay
 * published twice, a dead letter replayed again), and {@link InboxPruner} keeps a row for as long as a copy of its
 * event last seen then can still be read.
 */
public class Inbox {

    /** Events recognised as acted on before and so not acted on again. */
    public static final String DEDUPLICATED = "coffeeshop.events.deduplicated";

    /** Makes rows as fresh as the transaction, never older than they were; writes them again if they are gone. */
    private static final String REFRESH = """
            INSERT INTO processed_events (event_id) SELECT unnest(?::uuid[])
            ON CONFLICT (event_id) DO UPDATE
            SET processed_at = greatest(processed_events.processed_at, excluded.processed_at)""";

    /** The same for one row, when it is there. */
    private static final String REFRESH_ONE =
            "UPDATE processed_events SET processed_at = greatest(processed_at, now()) WHERE event_id = ?";

    private final JdbcClient jdbc;
    private final Counter deduplicated;

    public Inbox(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.deduplicated = Counter.builder(DEDUPLICATED)
                .description("events recognised as acted on before and so not acted on again")
                .register(meters);
    }

    /**
     * Records that the caller acts on {@code eventId}: true the first time, false for an event recorded before (a
     * duplicate, which the caller then leaves alone).
     */
    public boolean recordIfNew(UUID eventId) {
        requireTransaction();
        boolean recorded =
                jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")
                                .param(eventId)
                                .update()
                        == 1;
        if (!recorded) {
            recognised(List.of(eventId), 1);
        }
        return recorded;
    }

    /**
     * Records the events of a batch in one statement and returns those recorded for the first time, which the caller
     * acts on; the others are duplicates. An id that occurs more than once in {@code eventIds} is returned at most
     * once: act on it once. The set is for asking which ids are new; its order says nothing.
     */
    public Set<UUID> recordIfNew(Collection<UUID> eventIds) {
        requireTransaction();
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        var distinct = new LinkedHashSet<>(eventIds);
        Set<UUID> recorded = new LinkedHashSet<>(jdbc.sql("""
                        INSERT INTO processed_events (event_id) SELECT unnest(?::uuid[])
                        ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
                .param(distinct.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
        int duplicates = eventIds.size() - recorded.size();
        if (duplicates > 0) {
            distinct.removeAll(recorded);
            recognised(distinct, duplicates);
        }
        return recorded;
    }

    /**
     * Whether {@code eventId} was recorded before, without recording it: for a consumer that decides at one point
     * whether to act and records the event later, in another transaction, once its effect is done (with {@link
     * #recordIfNew(UUID)}). True means a duplicate, and counts and refreshes it like the other methods do.
     */
    public boolean alreadyRecorded(UUID eventId) {
        requireTransaction();
        boolean recorded = jdbc.sql(REFRESH_ONE).param(eventId).update() == 1;
        if (recorded) {
            deduplicated.increment();
        }
        return recorded;
    }

    /**
     * Counts {@code occurrences} duplicates and makes the rows of their ids as fresh as this transaction. An upsert
     * rather than an update: should the pruner have taken a row since the insert above found it, it is written again.
     */
    private void recognised(Collection<UUID> eventIds, int occurrences) {
        deduplicated.increment(occurrences);
        if (eventIds.isEmpty()) {
            // only repeats, within one batch, of ids that were new
            return;
        }
        jdbc.sql(REFRESH).param(eventIds.toArray(UUID[]::new)).update();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "the inbox records an event inside the transaction that makes its effect; there is none");
        }
    }
}
