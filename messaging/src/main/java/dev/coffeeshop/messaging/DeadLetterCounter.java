package dev.coffeeshop.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.util.StringUtils;

/**
 * Counts the records sent to a dead-letter topic as {@value #METER}, tagged with the original {@code topic}, the
 * consumer {@code group} and the {@code reason}: the simple name of the exception under the binder's wrappers.
 *
 * <p>The Kafka binder calls its {@link DlqPartitionFunction} once for each record it sends to a DLQ, right before the
 * send, with the group, the record and the exception. Declaring one replaces the binder's default for every binding,
 * so this one answers exactly as that default ({@link DlqPartitionFunction#determineFallbackFunction}) would for the
 * binding the record came from: its original partition while the binding sets no {@code dlq-partitions}, partition 0
 * when it sets 1.
 */
public final class DeadLetterCounter implements DlqPartitionFunction {

    public static final String METER = "coffeeshop.dlq.records";

    private static final Log log = LogFactory.getLog(DeadLetterCounter.class);

    private final MeterRegistry meters;
    private final BindingServiceProperties bindings;
    private final Binder properties;
    private final Map<String, DlqPartitionFunction> binderDefaults = new ConcurrentHashMap<>();

    public DeadLetterCounter(MeterRegistry meters, BindingServiceProperties bindings, Environment environment) {
        this.meters = meters;
        this.bindings = bindings;
        this.properties = Binder.get(environment);
    }

    @Override
    public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable throwable) {
        // the binder calls this outside its own error handling: whatever goes wrong here must not keep the record
        // from its dead-letter topic
        try {
            Counter.builder(METER)
                    .description("records sent to a dead-letter topic")
                    .tag("topic", record.topic())
                    .tag("group", String.valueOf(group))
                    .tag("reason", reason(throwable))
                    .register(meters)
                    .increment();
        } catch (RuntimeException e) {
            log.warn("Could not count a dead-lettered record of " + record.topic(), e);
        }
        return binderDefaults
                .computeIfAbsent(record.topic() + "|" + group, key -> binderDefault(record.topic(), group))
                .apply(group, record, throwable);
    }

    /**
     * The simple name of the first exception that is not a wrapper: the binder hands over a {@link MessagingException}
     * around the {@link RetryException} of its retry template, which holds the listener's last exception.
     */
    static String reason(Throwable thrown) {
        Throwable reason = thrown;
        while (reason != null) {
            Throwable inner = null;
            if (reason instanceof RetryException retry) {
                inner = retry.getLastException();
            } else if (reason instanceof MessagingException
                    || reason instanceof ListenerExecutionFailedException
                    || reason instanceof BatchListenerFailedException) {
                inner = reason.getCause();
            }
            if (inner == null || inner == reason) {
                break;
            }
            reason = inner;
        }
        return reason == null ? "unknown" : reason.getClass().getSimpleName();
    }

    private DlqPartitionFunction binderDefault(String topic, String group) {
        Integer dlqPartitions;
        try {
            dlqPartitions = dlqPartitions(topic, group);
        } catch (RuntimeException e) {
            log.warn("Could not read dlq-partitions for " + topic + " and group " + group + "; assuming none", e);
            dlqPartitions = null;
        }
        return DlqPartitionFunction.determineFallbackFunction(dlqPartitions, log);
    }

    private Integer dlqPartitions(String topic, String group) {
        return bindings.getBindings().entrySet().stream()
                .filter(binding -> readsTopic(binding.getValue().getDestination(), topic)
                        && Objects.equals(group, binding.getValue().getGroup()))
                .map(binding -> dlqPartitions(binding.getKey()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> properties
                        .bind("spring.cloud.stream.kafka.default.consumer.dlq-partitions", Integer.class)
                        .orElse(null));
    }

    /** Whether a binding's destination, one topic or several separated by commas, includes {@code topic}. */
    static boolean readsTopic(String destination, String topic) {
        return destination != null
                && Arrays.stream(StringUtils.commaDelimitedListToStringArray(destination))
                        .anyMatch(d -> d.strip().equals(topic));
    }

    /** The binding's {@code dlq-partitions}, bound as the binder binds its extended binding properties. */
    private Integer dlqPartitions(String binding) {
        KafkaBindingProperties kafka = properties
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(Map.of())
                .get(binding);
        return kafka == null ? null : kafka.getConsumer().getDlqPartitions();
    }
}
