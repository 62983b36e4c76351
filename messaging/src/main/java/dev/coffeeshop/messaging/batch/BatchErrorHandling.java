package dev.coffeeshop.messaging.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead-letters the failed record of a batch-mode binding as the binder does for a single record: the same
 * back-off and attempts ({@code max-attempts}, {@code back-off-*}), the same exceptions never retried
 * ({@code retryable-exceptions}), the same dead-letter topic and partition ({@code dlq-name}, {@code dlq-partitions}),
 * the same {@code x-original-*} and {@code x-exception-*} headers, and the same count of dead-lettered records. The
 * records of the batch before the failed one are committed; the ones after it are delivered again. Bindings not in
 * batch mode keep the binder's own retries and dead-lettering.
 */
public final class BatchErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private static final DeadLetterPublishingRecoverer.HeaderNames BINDER_HEADERS =
            new DeadLetterPublishingRecoverer.HeaderNames.Builder()
                    .original()
                    .offsetHeader("x-original-offset")
                    .timestampHeader("x-original-timestamp")
                    .timestampTypeHeader("x-original-timestamp-type")
                    .topicHeader("x-original-topic")
                    .partitionHeader("x-original-partition")
                    .consumerGroupHeader("x-original-consumer-group")
                    .exception()
                    .keyExceptionFqcn("x-key-exception-fqcn")
                    .exceptionFqcn("x-exception-fqcn")
                    .exceptionCauseFqcn("x-exception-cause-fqcn")
                    .keyExceptionMessage("x-key-exception-message")
                    .exceptionMessage("x-exception-message")
                    .keyExceptionStacktrace("x-key-exception-stacktrace")
                    .exceptionStacktrace("x-exception-stacktrace")
                    .build();

    private final Map<String, Object> clientConfig;
    private final DlqPartitionFunction deadLetters;
    private @Nullable DefaultKafkaProducerFactory<byte[], byte[]> producers;

    /**
     * {@code clientConfig} is how the binder's clients connect ({@link dev.coffeeshop.messaging.KafkaBrokers}: brokers
     * and credentials); {@code deadLetters} counts each dead-lettered record and picks its partition, as for the
     * binder's own.
     */
    public BatchErrorHandling(Map<String, Object> clientConfig, DlqPartitionFunction deadLetters) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff) {
        // the binder calls the overload with the binding's properties
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (!properties.isBatchMode()) {
            return;
        }
        BackOff retries = backOff != null ? backOff : new FixedBackOff(0L, 0L);
        DefaultErrorHandler handler;
        if (dlqDestinationResolver != null) {
            var deadLetter = new DeadLetterPublishingRecoverer(template(), (record, exception) -> {
                TopicPartition deadLetterTopic = dlqDestinationResolver.apply(record, exception);
                Integer partition = deadLetters.apply(group, record, exception);
                return new TopicPartition(
                        deadLetterTopic.topic(), partition != null ? partition : deadLetterTopic.partition());
            });
            deadLetter.setHeaderNamesSupplier(() -> BINDER_HEADERS);
            // the headers name the handler's exception, not the container's and the batch's wrappers around it
            handler = new DefaultErrorHandler(
                    (record, exception) -> deadLetter.accept(record, thrown(exception)), retries);
        } else {
            handler = new DefaultErrorHandler(retries);
        }
        properties.getRetryableExceptions().forEach((type, retryable) -> {
            if (Exception.class.isAssignableFrom(type)) {
                if (retryable) {
                    handler.addRetryableExceptions(type.asSubclass(Exception.class));
                } else {
                    handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
                }
            }
        });
        container.setCommonErrorHandler(handler);
    }

    /** The exception the record's handler threw, under the container's and the batch listener's wrappers. */
    static Exception thrown(Exception exception) {
        Throwable current = exception;
        while ((current instanceof ListenerExecutionFailedException
                        || current instanceof BatchListenerFailedException
                        || current instanceof MessagingException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof Exception e ? e : exception;
    }

    private synchronized KafkaTemplate<byte[], byte[]> template() {
        if (producers == null) {
            var config = new HashMap<String, Object>(clientConfig);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producers = new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return new KafkaTemplate<>(producers);
    }

    @Override
    public synchronized void destroy() {
        if (producers != null) {
            producers.destroy();
        }
    }
}
