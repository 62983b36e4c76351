package dev.coffeeshop.messaging.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forgets the inbox rows of events no consumed topic can deliver again, so that {@code processed_events} stops growing
 * for ever: every {@code coffeeshop.inbox.prune.interval} it reads the {@link RetentionHorizon} from Kafka and deletes
 * the rows acted on longer ago than that, oldest first, in batches of {@code batch-size} rows, each batch its own short
 * transaction. Rows a consumer is refreshing at that moment are skipped, not waited for.
 *
 * <p>A round deletes nothing when a consumed topic keeps records for ever, and skips when Kafka cannot be asked or
 * does not say enough: it never guesses. Rounds run on a thread of their own, the first {@code initial-delay} after
 * start-up, so the pruner never holds a starting service up; several instances of a service may prune at once. Each
 * round logs one line, and the rows pruned are counted as {@value #PRUNED}.
 */
class InboxPruner implements SmartLifecycle {

    static final String PRUNED = "coffeeshop.inbox.pruned";

    private static final Logger log = LoggerFactory.getLogger(InboxPruner.class);

    private final JdbcClient jdbc;
    private final Supplier<RetentionHorizon> horizon;
    private final InboxProperties.Prune settings;
    private final Counter pruned;
    private volatile ScheduledExecutorService rounds;

    /**
     * @param horizon asks Kafka for the horizon; called once per round
     */
    InboxPruner(
            JdbcClient jdbc, Supplier<RetentionHorizon> horizon, InboxProperties.Prune settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.horizon = horizon;
        this.settings = settings;
        this.pruned = Counter.builder(PRUNED)
                .description("inbox rows deleted because no consumed topic can deliver their events again")
                .register(meters);
    }

    /** What a round did: the horizon it found and how many rows it deleted. */
    record Round(RetentionHorizon horizon, long pruned) {}

    /** One round with the horizon read from Kafka. */
    Round prune() {
        RetentionHorizon found;
        try {
            found = horizon.get();
        } catch (RuntimeException e) {
            found = new RetentionHorizon.Unknown("reading the horizon failed: " + e);
        }
        switch (found) {
            case RetentionHorizon.Known known -> {
                long deleted = prune(known.horizon());
                log.info(
                        "Inbox: forgot {} events acted on more than {} ago ({})",
                        deleted,
                        RetentionHorizon.human(known.horizon().toMillis()),
                        known.explanation());
                return new Round(known, deleted);
            }
            case RetentionHorizon.Forever forever -> {
                log.info("Inbox: keeping every event: {}", forever.reason());
                return new Round(forever, 0);
            }
            case RetentionHorizon.Unknown unknown -> {
                log.warn("Inbox: pruning skipped this round: {}", unknown.reason());
                return new Round(unknown, 0);
            }
        }
    }

    /** Deletes the rows of events acted on more than {@code horizon} ago, batch by batch; returns how many. */
    long prune(Duration horizon) {
        long deleted = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                            DELETE FROM processed_events WHERE event_id IN (
                                SELECT event_id FROM processed_events
                                WHERE processed_at < now() - ? * interval '1 millisecond'
                                ORDER BY processed_at
                                LIMIT ?
                                FOR UPDATE SKIP LOCKED)""")
                    .params(horizon.toMillis(), settings.batchSize())
                    .update();
            deleted += batch;
            pruned.increment(batch);
        } while (batch == settings.batchSize() && !Thread.currentThread().isInterrupted());
        return deleted;
    }

    private void round() {
        try {
            prune();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next round tries again
            log.warn("Inbox: pruning failed this round: {}", e.toString());
        }
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("inbox-pruner").daemon().factory());
        executor.scheduleWithFixedDelay(
                this::round,
                settings.initialDelay().toMillis(),
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        rounds = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = rounds;
        rounds = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }
}
