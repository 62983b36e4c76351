package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.testsupport.TestInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class KafkaRetentionTests {

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    final KafkaRetention retention =
            new KafkaRetention(TestInfrastructure.kafkaToolsClientConfig(), Duration.ofSeconds(10));

    @Test
    void readsTheHorizonOfTheConsumedTopicsFromTheirSettingsAndTheBrokers() {
        // given
        String orders = topic(
                Map.of("retention.ms", "3600000", "segment.ms", "600000", "message.timestamp.type", "LogAppendTime"));
        String preparations = topic(Map.of(
                "retention.ms", "7200000",
                "segment.ms", "1800000",
                "message.timestamp.type", "CreateTime",
                "message.timestamp.after.max.ms", "60000"));
        Duration checkInterval =
                Duration.ofMillis(Long.parseLong(kafka.brokerSetting(RetentionHorizon.RETENTION_CHECK_INTERVAL)));

        // when
        RetentionHorizon horizon = retention.horizon(Set.of(orders, preparations), Duration.ofMinutes(5));

        // then 2 h + 30 min + 1 min of the longer topic, the broker's check interval and the margin
        assertThat(horizon).isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> {
            assertThat(known.horizon())
                    .isEqualTo(Duration.ofMinutes(120 + 30 + 1 + 5).plus(checkInterval));
            assertThat(known.explanation()).startsWith(preparations + ": retention.ms 2h");
        });
    }

    @Test
    void takesTheBrokersDefaultsForWhatATopicDoesNotSet() {
        // given a topic with no settings of its own: Kafka's defaults of a week, a week and an hour
        String orders = topic(Map.of());

        // when
        RetentionHorizon horizon = retention.horizon(Set.of(orders), Duration.ZERO);

        // then
        assertThat(horizon).isInstanceOfSatisfying(RetentionHorizon.Known.class, known -> assertThat(known.horizon())
                .isGreaterThan(Duration.ofDays(14).plusHours(1)));
    }

    @Test
    void keepsEveryRowForATopicThatKeepsRecordsForever() {
        // given
        String ledger = topic(Map.of("retention.ms", "-1"));
        String orders = topic(Map.of("retention.ms", "3600000"));

        // when
        RetentionHorizon horizon = retention.horizon(Set.of(ledger, orders), Duration.ZERO);

        // then
        assertThat(horizon).isInstanceOf(RetentionHorizon.Forever.class);
    }

    @Test
    void doesNotGuessForATopicKafkaDoesNotKnow() {
        // given
        String orders = topic(Map.of("retention.ms", "3600000"));
        String missing = "inbox-missing-" + UUID.randomUUID();

        // when
        RetentionHorizon horizon = retention.horizon(Set.of(orders, missing), Duration.ZERO);

        // then
        assertThat(horizon).isEqualTo(new RetentionHorizon.Unknown("Kafka does not know the topic " + missing));
    }

    @Test
    void doesNotGuessWhenKafkaCannotBeReached() {
        // given
        var unreachable = new KafkaRetention(Map.of("bootstrap.servers", "127.0.0.1:1"), Duration.ofSeconds(1));

        // when
        RetentionHorizon horizon = unreachable.horizon(Set.of("coffeeshop.intake.orders"), Duration.ZERO);

        // then
        assertThat(horizon).isInstanceOf(RetentionHorizon.Unknown.class);
    }

    private static String topic(Map<String, String> settings) {
        String topic = "inbox-retention-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, settings);
        return topic;
    }
}
