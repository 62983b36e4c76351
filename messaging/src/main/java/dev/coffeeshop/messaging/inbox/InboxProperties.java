package dev.coffeeshop.messaging.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inbox's settings.
 *
 * @param prune how the rows of events that can no longer come back are forgotten
 */
@ConfigurationProperties("coffeeshop.inbox")
public record InboxProperties(@DefaultValue Prune prune) {

    /**
     * How {@link InboxPruner} forgets old rows: it keeps each row for the horizon it reads from Kafka, the longest time
     * any record can stay on a consumed topic, plus {@code margin}.
     *
     * @param enabled whether rows are pruned at all; when false the table grows for ever, as it used to
     * @param interval the pause between rounds
     * @param initialDelay how long after start-up the first round runs, so that it never holds a starting service up
     * @param margin added to the horizon read from Kafka; it covers clocks that disagree between the brokers and the
     *     database, a broker's first retention check after a restart, and deletion held back by lagging replicas
     * @param batchSize rows deleted per statement; each batch is its own short transaction, so no lock is held long
     */
    public record Prune(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("5m") Duration initialDelay,
            @DefaultValue("1h") Duration margin,
            @DefaultValue("5000") int batchSize) {

        public Prune {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("coffeeshop.inbox.prune.interval must be positive");
            }
            if (initialDelay.isNegative()) {
                throw new IllegalArgumentException("coffeeshop.inbox.prune.initial-delay must not be negative");
            }
            if (margin.isNegative()) {
                throw new IllegalArgumentException("coffeeshop.inbox.prune.margin must not be negative");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("coffeeshop.inbox.prune.batch-size must be at least 1");
            }
        }
    }
}
