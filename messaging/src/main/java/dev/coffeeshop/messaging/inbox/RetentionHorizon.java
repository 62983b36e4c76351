package dev.coffeeshop.messaging.inbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long after an event was acted on a copy of it can still be read from a topic this service consumes, and so how
 * long its inbox row must be kept.
 *
 * <p>Kafka deletes records a whole log segment at a time, once the segment's newest timestamp is more than {@code
 * retention.ms} old, at the next of its checks every {@code log.retention.check.interval.ms}. A segment takes records
 * until one comes with a timestamp more than {@code segment.ms} after its first, and with {@code
 * message.timestamp.type=CreateTime} a producer may stamp a record up to {@code message.timestamp.after.max.ms} ahead
 * of the broker's clock. So a record appended at time {@code t} can be read until at most
 *
 * <pre>
 * t + retention.ms + segment.ms + message.timestamp.after.max.ms (CreateTime only) + log.retention.check.interval.ms
 * </pre>
 *
 * and a consumer acts on a record only after it was appended, so a row whose {@code processed_at} is older than that
 * (the longest over the consumed topics, plus a margin for clocks that disagree) belongs to an event no consumed topic
 * holds any more. Size-based retention and smaller segments only delete records earlier.
 *
 * <p>A topic that keeps records for ever ({@code retention.ms=-1}, or compacted without {@code delete} in its {@code
 * cleanup.policy}) means no row may ever go. Whatever cannot be read from Kafka is never guessed: the horizon is then
 * {@link Unknown} and nothing is pruned.
 */
sealed interface RetentionHorizon {

    /** The broker setting that says how often segments past their retention are deleted. */
    String RETENTION_CHECK_INTERVAL = "log.retention.check.interval.ms";

    /** Before Kafka 3.6 one setting bounded timestamps in both directions. */
    String TIMESTAMP_DIFFERENCE_MAX = "message.timestamp.difference.max.ms";

    /** Rows of events acted on longer than {@code horizon} ago can go; {@code explanation} says where it comes from. */
    record Known(Duration horizon, String explanation) implements RetentionHorizon {}

    /** A consumed topic keeps records for ever, so no row may go. */
    record Forever(String reason) implements RetentionHorizon {}

    /** Kafka did not say enough to tell, so nothing goes this time. */
    record Unknown(String reason) implements RetentionHorizon {}

    /**
     * The horizon for {@code topics}, from their effective configurations as Kafka describes them ({@code
     * topicConfigs}, without an entry for a topic Kafka does not know), the brokers' configurations and a margin.
     */
    static RetentionHorizon of(
            Set<String> topics,
            Map<String, Map<String, String>> topicConfigs,
            Collection<Map<String, String>> brokerConfigs,
            Duration margin) {
        if (topics.isEmpty()) {
            return new Unknown("no consumed topics");
        }
        Known longest = null;
        RetentionHorizon unknown = null;
        for (String topic : new TreeSet<>(topics)) {
            RetentionHorizon horizon = topic(topic, topicConfigs.get(topic));
            switch (horizon) {
                case Forever forever -> {
                    return forever;
                }
                case Unknown u -> unknown = unknown == null ? u : unknown;
                case Known known ->
                    longest = longest == null || known.horizon().compareTo(longest.horizon()) > 0 ? known : longest;
            }
        }
        if (unknown != null) {
            return unknown;
        }
        if (brokerConfigs.isEmpty()) {
            return new Unknown("no broker described its " + RETENTION_CHECK_INTERVAL);
        }
        long checkInterval = 0;
        for (Map<String, String> broker : brokerConfigs) {
            Long interval = millis(broker, RETENTION_CHECK_INTERVAL);
            if (interval == null) {
                return new Unknown("a broker did not tell its " + RETENTION_CHECK_INTERVAL);
            }
            checkInterval = Math.max(checkInterval, interval);
        }
        long total = plus(plus(longest.horizon().toMillis(), checkInterval), margin.toMillis());
        if (total == Long.MAX_VALUE) {
            return new Forever("the horizon does not fit in a duration");
        }
        return new Known(
                Duration.ofMillis(total),
                "%s + %s %s + margin %s"
                        .formatted(
                                longest.explanation(),
                                RETENTION_CHECK_INTERVAL,
                                human(checkInterval),
                                human(margin.toMillis())));
    }

    private static RetentionHorizon topic(String topic, Map<String, String> config) {
        if (config == null) {
            return new Unknown("Kafka does not know the topic " + topic);
        }
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null) {
            return missing(topic, TopicConfig.CLEANUP_POLICY_CONFIG);
        }
        if (Arrays.stream(policy.split(",")).map(String::strip).noneMatch(TopicConfig.CLEANUP_POLICY_DELETE::equals)) {
            return new Forever("%s deletes nothing by age (cleanup.policy=%s)".formatted(topic, policy));
        }
        Long retention = millis(config, TopicConfig.RETENTION_MS_CONFIG);
        if (retention == null) {
            return missing(topic, TopicConfig.RETENTION_MS_CONFIG);
        }
        if (retention < 0) {
            return new Forever("%s keeps records for ever (retention.ms=%d)".formatted(topic, retention));
        }
        Long segment = millis(config, TopicConfig.SEGMENT_MS_CONFIG);
        if (segment == null) {
            return missing(topic, TopicConfig.SEGMENT_MS_CONFIG);
        }
        String timestampType = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (timestampType == null) {
            return missing(topic, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        }
        var explanation = new StringBuilder("%s: %s %s + %s %s"
                .formatted(
                        topic,
                        TopicConfig.RETENTION_MS_CONFIG,
                        human(retention),
                        TopicConfig.SEGMENT_MS_CONFIG,
                        human(segment)));
        long horizon = plus(retention, segment);
        if (!"LogAppendTime".equals(timestampType)) {
            String setting = TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG;
            Long ahead = millis(config, setting);
            if (ahead == null) {
                setting = TIMESTAMP_DIFFERENCE_MAX;
                ahead = millis(config, setting);
            }
            if (ahead == null) {
                return missing(topic, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG);
            }
            horizon = plus(horizon, ahead);
            explanation.append(" + %s %s".formatted(setting, human(ahead)));
        }
        if (horizon == Long.MAX_VALUE) {
            return new Forever("%s may keep a record without bound (%s)".formatted(topic, explanation));
        }
        return new Known(Duration.ofMillis(horizon), explanation.toString());
    }

    private static Unknown missing(String topic, String setting) {
        return new Unknown("Kafka did not tell the %s of %s".formatted(setting, topic));
    }

    /** The setting in milliseconds, or null when it is not there or not a number. */
    private static Long millis(Map<String, String> config, String setting) {
        String value = config.get(setting);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code a + b} for non-negative numbers, {@link Long#MAX_VALUE} when it overflows. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** {@code millis} in the largest whole unit: {@code 7d}, {@code 1h}, {@code 300s}, {@code 1500ms}. */
    static String human(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (millis != 0 && millis % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        if (millis % 1_000 == 0) {
            return d.toSeconds() + "s";
        }
        return millis + "ms";
    }
}
