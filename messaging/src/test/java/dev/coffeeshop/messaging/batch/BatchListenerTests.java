package dev.coffeeshop.messaging.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

class BatchListenerTests {

    /** A transaction that keeps what its callback wrote only when the callback completes. */
    static final class Ledger implements TransactionOperations {
        final List<String> kept = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        int transactions;

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            transactions++;
            TransactionStatus status = new SimpleTransactionStatus();
            try {
                T result = action.doInTransaction(status);
                kept.addAll(pending);
                return result;
            } finally {
                pending.clear();
            }
        }

        /** A handler that writes each record's payload, in the batch's transaction or, outside one, on its own. */
        Consumer<Message<?>> writer(String failOn) {
            return message -> {
                String value = (String) message.getPayload();
                if (value.equals(failOn)) {
                    throw new IllegalStateException("cannot take " + value);
                }
                if (transactionsOpen()) {
                    pending.add(value);
                } else {
                    kept.add(value);
                }
            };
        }

        private boolean open;

        boolean transactionsOpen() {
            return open;
        }

        TransactionOperations tracking() {
            Ledger ledger = this;
            return new TransactionOperations() {
                @Override
                public <T> T execute(TransactionCallback<T> action) {
                    open = true;
                    try {
                        return ledger.execute(action);
                    } finally {
                        open = false;
                    }
                }
            };
        }
    }

    static Message<List<String>> batch(String... values) {
        var headers = new ArrayList<Map<String, Object>>();
        var offsets = new ArrayList<Long>();
        for (int i = 0; i < values.length; i++) {
            headers.add(Map.of("ce_id", "event-" + values[i]));
            offsets.add(100L + i);
        }
        return MessageBuilder.withPayload(List.of(values))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.OFFSET, offsets)
                .build();
    }

    @Test
    void appliesAWholeBatchInOneTransaction() {
        // given
        var ledger = new Ledger();
        var listener = BatchListener.inOneTransaction(ledger.tracking(), ledger.writer("none"));

        // when
        listener.accept(batch("a", "b", "c"));

        // then
        assertThat(ledger.kept).containsExactly("a", "b", "c");
        assertThat(ledger.transactions).isOne();
    }

    @Test
    void keepsTheRecordsBeforeAFailingOneAndNamesItsIndex() {
        // given
        var ledger = new Ledger();
        var listener = BatchListener.inOneTransaction(ledger.tracking(), ledger.writer("c"));

        // when
        var failed = catchThrowableOfType(
                BatchListenerFailedException.class, () -> listener.accept(batch("a", "b", "c", "d")));

        // then nothing of the failed batch transaction stays; the records before the bad one are kept one by one
        assertThat(ledger.kept).containsExactly("a", "b");
        assertThat(failed.getIndex()).isEqualTo(2);
        assertThat(failed.getCause()).hasMessage("cannot take c");
    }

    @Test
    void handsAnErrorToTheErrorHandlerLikeAnyException() {
        // given
        var ledger = new Ledger();
        var listener = BatchListener.recordByRecord(message -> {
            throw new StackOverflowError("simulated");
        });

        // when
        var failed = catchThrowableOfType(BatchListenerFailedException.class, () -> listener.accept(batch("a")));

        // then
        assertThat(failed.getIndex()).isZero();
        assertThat(failed.getCause()).isInstanceOf(StackOverflowError.class);
        assertThat(ledger.transactions).isZero();
    }

    @Test
    void givesEachRecordItsOwnHeaders() {
        // when
        List<Message<?>> records = RecordBatch.split(batch("a", "b"));

        // then
        assertThat(records).extracting(m -> (Object) m.getPayload()).containsExactly("a", "b");
        assertThat(records).extracting(m -> m.getHeaders().get("ce_id")).containsExactly("event-a", "event-b");
        assertThat(records)
                .extracting(m -> m.getHeaders().get(KafkaHeaders.OFFSET))
                .containsExactly(100L, 101L);
    }

    @Test
    void takesASingleRecordAsItIs() {
        // given
        Message<String> single =
                MessageBuilder.withPayload("a").setHeader("ce_id", "x").build();

        // then
        assertThat(RecordBatch.split(single)).singleElement().isSameAs(single);
    }

    @Test
    void namesTheHandlersExceptionUnderTheWrappers() {
        // given
        var cause = new IllegalArgumentException("bad record");
        var wrapped = new org.springframework.kafka.listener.ListenerExecutionFailedException(
                "Listener failed", new BatchListenerFailedException("bad record", cause, 0));

        // then
        assertThat(BatchErrorHandling.thrown(wrapped)).isSameAs(cause);
    }
}
