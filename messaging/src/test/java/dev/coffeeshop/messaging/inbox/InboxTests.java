package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = InboxTestApplication.class)
@RealInfrastructure
class InboxTests {

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void recordsAnEventTheFirstTimeAndRecognisesItsDuplicates() {
        // given
        UUID event = UUID.randomUUID();
        double duplicatesBefore = duplicates();

        // when
        boolean first = transactions.execute(tx -> inbox.recordIfNew(event));
        boolean again = transactions.execute(tx -> inbox.recordIfNew(event));

        // then
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(rows(event)).isOne();
        assertThat(duplicates() - duplicatesBefore).isEqualTo(1);
    }

    @Test
    void recordsABatchInOneGoAndReturnsTheEventsThatAreNew() {
        // given
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID twiceInTheBatch = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> inbox.recordIfNew(seen));
        double duplicatesBefore = duplicates();

        // when
        var recorded =
                transactions.execute(tx -> inbox.recordIfNew(List.of(seen, twiceInTheBatch, fresh, twiceInTheBatch)));

        // then
        assertThat(recorded).containsExactlyInAnyOrder(fresh, twiceInTheBatch);
        assertThat(Stream.of(seen, fresh, twiceInTheBatch).map(this::rows)).containsOnly(1L);
        assertThat(duplicates() - duplicatesBefore)
                .as("the seen one and the second copy")
                .isEqualTo(2);
        Set<UUID> none = transactions.execute(tx -> inbox.recordIfNew(List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void tellsWhetherAnEventWasRecordedWithoutRecordingIt() {
        // given
        UUID recorded = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> inbox.recordIfNew(recorded));
        double duplicatesBefore = duplicates();

        // when
        boolean recordedSeen = transactions.execute(tx -> inbox.alreadyRecorded(recorded));
        boolean unknownSeen = transactions.execute(tx -> inbox.alreadyRecorded(unknown));

        // then
        assertThat(recordedSeen).isTrue();
        assertThat(unknownSeen).isFalse();
        assertThat(rows(unknown)).isZero();
        assertThat(duplicates() - duplicatesBefore).isEqualTo(1);
    }

    @Test
    void forgetsTheEventWhenTheTransactionOfItsEffectRollsBack() {
        // given
        UUID event = UUID.randomUUID();
        UUID inBatch = UUID.randomUUID();

        // when
        transactions.executeWithoutResult(tx -> {
            inbox.recordIfNew(event);
            inbox.recordIfNew(List.of(inBatch));
            tx.setRollbackOnly();
        });

        // then
        assertThat(rows(event)).isZero();
        assertThat(rows(inBatch)).isZero();
        Boolean recordedAfterwards = transactions.execute(tx -> inbox.recordIfNew(event));
        assertThat(recordedAfterwards).isTrue();
    }

    @Test
    void refusesToWorkOutsideATransaction() {
        UUID event = UUID.randomUUID();
        assertThatThrownBy(() -> inbox.recordIfNew(event)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inbox.recordIfNew(List.of(event))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inbox.alreadyRecorded(event)).isInstanceOf(IllegalStateException.class);
        assertThat(rows(event)).isZero();
    }

    @Test
    void keepsADuplicateAsFreshAsAnEventActedOnNow() {
        // given three events acted on three days ago
        UUID single = UUID.randomUUID();
        UUID batched = UUID.randomUUID();
        UUID checked = UUID.randomUUID();
        Stream.of(single, batched, checked).forEach(event -> actedOn(event, Duration.ofDays(3)));
        Instant start = Instant.now().minusSeconds(60);

        // when a copy of each comes in again
        transactions.executeWithoutResult(tx -> {
            inbox.recordIfNew(single);
            inbox.recordIfNew(List.of(batched, UUID.randomUUID()));
            inbox.alreadyRecorded(checked);
        });

        // then
        assertThat(Stream.of(single, batched, checked).map(this::processedAt)).allMatch(at -> at.isAfter(start));
    }

    @Test
    void prunesOnlyTheEventsActedOnBeforeTheHorizonInBatches() {
        // given
        List<UUID> old = Stream.generate(UUID::randomUUID).limit(7).toList();
        List<UUID> recent = Stream.generate(UUID::randomUUID).limit(2).toList();
        old.forEach(event -> actedOn(event, Duration.ofDays(2)));
        recent.forEach(event -> actedOn(event, Duration.ofHours(1)));
        var counted = new SimpleMeterRegistry();
        var pruner = new InboxPruner(jdbc, () -> null, prune(3), counted);

        // when
        long pruned = pruner.prune(Duration.ofDays(1));

        // then
        assertThat(old.stream().map(this::rows)).containsOnly(0L);
        assertThat(recent.stream().map(this::rows)).containsOnly(1L);
        assertThat(pruned).isGreaterThanOrEqualTo(old.size());
        assertThat(counted.counter(InboxPruner.PRUNED).count()).isEqualTo(pruned);
    }

    @Test
    void skipsARoundWhenKafkaCannotBeAsked() {
        // given
        UUID event = UUID.randomUUID();
        actedOn(event, Duration.ofDays(400));
        var unreachable = new KafkaRetention(Map.of("bootstrap.servers", "127.0.0.1:1"), Duration.ofSeconds(1));
        var pruner = new InboxPruner(
                jdbc,
                () -> unreachable.horizon(Set.of("coffeeshop.intake.orders"), Duration.ZERO),
                prune(100),
                new SimpleMeterRegistry());

        // when
        InboxPruner.Round round = pruner.prune();

        // then
        assertThat(round.horizon()).isInstanceOf(RetentionHorizon.Unknown.class);
        assertThat(round.pruned()).isZero();
        assertThat(rows(event)).isOne();
    }

    @Test
    void keepsEveryEventWhileATopicKeepsRecordsForever() {
        // given
        UUID event = UUID.randomUUID();
        actedOn(event, Duration.ofDays(400));
        var pruner = new InboxPruner(
                jdbc, () -> new RetentionHorizon.Forever("a ledger"), prune(100), new SimpleMeterRegistry());

        // when
        InboxPruner.Round round = pruner.prune();

        // then
        assertThat(round.pruned()).isZero();
        assertThat(rows(event)).isOne();
    }

    private static InboxProperties.Prune prune(int batchSize) {
        return new InboxProperties.Prune(true, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, batchSize);
    }

    private void actedOn(UUID event, Duration ago) {
        jdbc.sql("INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - ? * interval '1 second')")
                .params(event, ago.toSeconds())
                .update();
    }

    private long rows(UUID event) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                .param(event)
                .query(Long.class)
                .single();
    }

    private Instant processedAt(UUID event) {
        return jdbc.sql("SELECT processed_at FROM processed_events WHERE event_id = ?")
                .param(event)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    private double duplicates() {
        return meters.counter(Inbox.DEDUPLICATED).count();
    }
}
