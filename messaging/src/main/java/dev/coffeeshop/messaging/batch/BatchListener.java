package dev.coffeeshop.messaging.batch;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Hands the records of a batch-mode binding to a service's handler of one record, and says which record failed.
 *
 * <p>{@link #inOneTransaction} applies the whole batch in one database transaction: the handler's own transactions
 * join it, so the batch costs one commit instead of one per record, while records of one key (one order) are still
 * handled in their partition's order. If the batch fails as a whole, nothing of it is kept and its records are
 * handled again one at a time, each in its handler's own transaction: the records before a failing one are kept, and
 * the failing one is named to the container's error handler by a {@link BatchListenerFailedException}, which retries
 * it with back-off or sends it to the dead-letter topic exactly as the binder does for a single record (see
 * {@link BatchErrorHandling}). {@link #recordByRecord} only does the second half, for handlers that must commit each
 * record on its own.
 *
 * <p>An {@link Error} is handled like any exception, as the binder's retries handle it for a single record: a handler
 * guarded by {@link dev.coffeeshop.messaging.ListenerLiveness} has reported the service broken before it gets here, so
 * the orchestrator restarts it; the container itself would stop on an Error and take no more records.
 *
 * <p>{@link #observedBy} makes each record an observation of its own ({@link RecordObservation}): a span that
 * continues the trace of the record's {@code traceparent} header, current while the handler runs, so that what the
 * handler writes to its outbox carries that trace on. Whether observed or not, every line logged while a record is
 * handled on its own carries the record's order and event ids ({@link RecordObservation#logged}); a batch applied as a
 * whole by code that takes the records together is about many orders, and its lines carry none.
 */
public final class BatchListener implements Consumer<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(BatchListener.class);

    /** The whole batch at once, given the handler of one record (which a whole that applies records itself ignores). */
    private final @Nullable BiConsumer<List<Message<?>>, Consumer<Message<?>>> whole;

    /** Whether {@link #whole} hands each record to the handler it is given, inside its own transaction. */
    private final boolean wholeRecordByRecord;

    private final Consumer<Message<?>> handler;
    private final ObservationRegistry observations;

    private BatchListener(
            @Nullable BiConsumer<List<Message<?>>, Consumer<Message<?>>> whole,
            boolean wholeRecordByRecord,
            Consumer<Message<?>> handler,
            ObservationRegistry observations) {
        this.whole = whole;
        this.wholeRecordByRecord = wholeRecordByRecord;
        this.handler = handler;
        this.observations = observations;
    }

    /** The batch in one transaction; record by record if that fails. */
    public static BatchListener inOneTransaction(TransactionOperations transactions, Consumer<Message<?>> handler) {
        return inOneTransaction(transactions, records -> {}, handler);
    }

    /**
     * As {@link #inOneTransaction(TransactionOperations, Consumer)}, with {@code prepare} run first in the batch's
     * transaction, before any record: for example to take the locks the records will need in one fixed order, so two
     * batches never wait for each other in a circle.
     */
    public static BatchListener inOneTransaction(
            TransactionOperations transactions, Consumer<List<Message<?>>> prepare, Consumer<Message<?>> handler) {
        return new BatchListener(
                (records, each) -> transactions.executeWithoutResult(tx -> {
                    prepare.accept(records);
                    records.forEach(each);
                }),
                true,
                handler,
                ObservationRegistry.NOOP);
    }

    /**
     * The batch handed to {@code whole}, which applies it all or nothing (in one transaction of its own); record by
     * record with {@code handler} if that fails.
     */
    public static BatchListener whole(Consumer<List<Message<?>>> whole, Consumer<Message<?>> handler) {
        return new BatchListener((records, each) -> whole.accept(records), false, handler, ObservationRegistry.NOOP);
    }

    /** Each record in its handler's own transaction. */
    public static BatchListener recordByRecord(Consumer<Message<?>> handler) {
        return new BatchListener(null, false, handler, ObservationRegistry.NOOP);
    }

    /**
     * This listener with each record observed in {@code registry} ({@link RecordObservation}). Where a whole batch is
     * applied at once by code that takes the records together, each record's span covers the whole batch's work and is
     * not current during it.
     */
    public BatchListener observedBy(ObservationRegistry registry) {
        return new BatchListener(whole, wholeRecordByRecord, handler, registry);
    }

    @Override
    public void accept(Message<?> batch) {
        List<Message<?>> records = RecordBatch.split(batch);
        var all = whole;
        if (all != null && records.size() > 1) {
            try {
                if (wholeRecordByRecord) {
                    all.accept(records, this::handle);
                } else {
                    RecordObservation.around(observations, records, () -> all.accept(records, handler));
                }
                return;
            } catch (RuntimeException | Error e) {
                log.debug(
                        "A batch of {} records failed as a whole ({}); handling them one at a time",
                        records.size(),
                        e.toString());
            }
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                handle(records.get(i));
            } catch (RuntimeException | Error e) {
                throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, i);
            }
        }
    }

    /** One record in its observation, its lines logged with its order and event ({@link RecordObservation#logged}). */
    private void handle(Message<?> record) {
        try (var logged = RecordObservation.logged(record)) {
            RecordObservation.of(observations, record).observe(() -> handler.accept(record));
        }
    }
}
