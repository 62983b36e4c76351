package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionHorizonTests {

    static final long HOUR = 3_600_000;
    static final long DAY = 24 * HOUR;
    static final Duration MARGIN = Duration.ofHours(1);
    static final List<Map<String, String>> BROKERS = List.of(
            Map.of("log.retention.check.interval.ms", "300000"), Map.of("log.retention.check.interval.ms", "60000"));

    @Test
    void takesTheLongestRetentionAndSegmentTimeOfTheConsumedTopicsPlusTheBrokersCheckIntervalAndTheMargin() {
        // given
        var topics = Map.of(
                "orders", appendTime(7 * DAY, DAY),
                "preparations", appendTime(3 * DAY, 7 * DAY),
                "orders.dlq", appendTime(DAY, HOUR));

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then the longest topic (10 days), the slowest broker's check (5 minutes) and the margin
        assertThat(horizon).isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> {
            assertThat(known.horizon())
                    .isEqualTo(Duration.ofDays(10).plusMinutes(5).plus(MARGIN));
            assertThat(known.explanation())
                    .isEqualTo("preparations: retention.ms 3d + segment.ms 7d"
                            + " + log.retention.check.interval.ms 5m + margin 1h");
        });
    }

    @Test
    void addsHowFarAheadAProducerMayStampARecordWhenATopicKeepsTheProducersTimestamps() {
        // given
        var topics = Map.of("orders", createTime(7 * DAY, 7 * DAY, HOUR));

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon)
                .isEqualTo(new RetentionHorizon.Known(
                        Duration.ofDays(14).plusHours(1).plusMinutes(5).plus(MARGIN),
                        "orders: retention.ms 7d + segment.ms 7d + message.timestamp.after.max.ms 1h"
                                + " + log.retention.check.interval.ms 5m + margin 1h"));
    }

    @Test
    void takesTheOldTimestampDifferenceLimitFromABrokerThatPredatesTheAfterLimit() {
        // given
        var config = new HashMap<>(appendTime(DAY, HOUR));
        config.put("message.timestamp.type", "CreateTime");
        config.put("message.timestamp.difference.max.ms", String.valueOf(HOUR));
        var topics = Map.<String, Map<String, String>>of("orders", config);

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, Duration.ZERO);

        // then
        assertThat(horizon).isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> assertThat(known.horizon())
                .isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(5)));
    }

    @Test
    void keepsEveryRowWhileAConsumedTopicKeepsRecordsForever() {
        // given
        var topics = Map.of("orders", appendTime(7 * DAY, DAY), "ledger", appendTime(-1, DAY));

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon).isEqualTo(new RetentionHorizon.Forever("ledger keeps records for ever (retention.ms=-1)"));
    }

    @Test
    void keepsEveryRowWhileAConsumedTopicIsOnlyCompacted() {
        // given
        var compacted = new HashMap<>(appendTime(7 * DAY, DAY));
        compacted.put("cleanup.policy", "compact");
        var topics = Map.<String, Map<String, String>>of("orders", appendTime(DAY, DAY), "customers", compacted);

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon).isInstanceOf(RetentionHorizon.Forever.class);
    }

    @Test
    void honoursTheRetentionOfATopicThatIsCompactedAndDeleted() {
        // given
        var both = new HashMap<>(appendTime(2 * DAY, DAY));
        both.put("cleanup.policy", "compact, delete");
        var topics = Map.<String, Map<String, String>>of("customers", both);

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, Duration.ZERO);

        // then
        assertThat(horizon).isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> assertThat(known.horizon())
                .isEqualTo(Duration.ofDays(3).plusMinutes(5)));
    }

    @Test
    void keepsEveryRowWhenProducersMayStampRecordsWithoutLimit() {
        // given
        var topics = Map.of("orders", createTime(DAY, DAY, Long.MAX_VALUE));

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon).isInstanceOf(RetentionHorizon.Forever.class);
    }

    @Test
    void doesNotGuessWhenATopicsSettingIsMissing() {
        // given
        var withoutSegment = new HashMap<>(appendTime(DAY, DAY));
        withoutSegment.remove("segment.ms");
        var topics =
                Map.<String, Map<String, String>>of("orders", appendTime(DAY, DAY), "preparations", withoutSegment);

        // when
        RetentionHorizon horizon = RetentionHorizon.of(topics.keySet(), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon)
                .isEqualTo(new RetentionHorizon.Unknown("Kafka did not tell the segment.ms of preparations"));
    }

    @Test
    void doesNotGuessForATopicKafkaDoesNotKnow() {
        // given
        var topics = Map.of("orders", appendTime(DAY, DAY));

        // when
        RetentionHorizon horizon = RetentionHorizon.of(Set.of("orders", "cancellations"), topics, BROKERS, MARGIN);

        // then
        assertThat(horizon).isEqualTo(new RetentionHorizon.Unknown("Kafka does not know the topic cancellations"));
    }

    @Test
    void doesNotGuessWithoutTheBrokersRetentionCheckInterval() {
        // given
        var topics = Map.of("orders", appendTime(DAY, DAY));

        // when
        RetentionHorizon none = RetentionHorizon.of(topics.keySet(), topics, List.of(), MARGIN);
        RetentionHorizon missing = RetentionHorizon.of(
                topics.keySet(), topics, List.of(BROKERS.getFirst(), Map.of("log.retention.ms", "1")), MARGIN);

        // then
        assertThat(none).isInstanceOf(RetentionHorizon.Unknown.class);
        assertThat(missing).isInstanceOf(RetentionHorizon.Unknown.class);
    }

    @Test
    void doesNotPruneAServiceThatConsumesNothing() {
        assertThat(RetentionHorizon.of(Set.of(), Map.of(), BROKERS, MARGIN))
                .isEqualTo(new RetentionHorizon.Unknown("no consumed topics"));
    }

    static Map<String, String> appendTime(long retentionMs, long segmentMs) {
        return Map.of(
                "cleanup.policy", "delete",
                "retention.ms", String.valueOf(retentionMs),
                "segment.ms", String.valueOf(segmentMs),
                "message.timestamp.type", "LogAppendTime",
                "message.timestamp.after.max.ms", String.valueOf(HOUR));
    }

    static Map<String, String> createTime(long retentionMs, long segmentMs, long afterMaxMs) {
        return Map.of(
                "cleanup.policy", "delete",
                "retention.ms", String.valueOf(retentionMs),
                "segment.ms", String.valueOf(segmentMs),
                "message.timestamp.type", "CreateTime",
                "message.timestamp.after.max.ms", String.valueOf(afterMaxMs));
    }
}
