package dev.coffeeshop.testsupport.contracts;

import dev.coffeeshop.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a service sends and receives on Kafka, read from its configuration as it runs: its outbox's topics
 * ({@code coffeeshop.outbox.topics}), its consumer bindings' destinations and groups, and their dead-letter topics.
 *
 * @param service the service's name, which is also its consumer group and Kafka principal
 * @param version the events' interface version ({@code coffeeshop.contracts.events-version})
 * @param sends the topics its outbox publishes
 * @param receives one entry per consumer binding
 */
record ServiceChannels(String service, String version, List<String> sends, List<Consumer> receives) {

    private static final Pattern INPUT_BINDING = Pattern.compile(".*-in-\\d+");

    /**
     * A consumer binding: the topics it reads (an original and, for dead-letter replays, the group's replay topic),
     * and where it dead-letters what it cannot read.
     */
    record Consumer(
            String binding,
            String group,
            List<String> topics,
            @Nullable String deadLetters,
            @Nullable Integer deadLetterPartitions) {}

    /** Properties of a binding as Spring Cloud Stream reads them, the few this needs. */
    record BindingSettings(
            @Nullable String destination, @Nullable String group) {}

    record KafkaConsumerSettings(
            boolean enableDlq,
            @Nullable String dlqName,
            @Nullable Integer dlqPartitions) {}

    record KafkaBindingSettings(@Nullable KafkaConsumerSettings consumer) {}

    static ServiceChannels of(Environment environment) {
        Binder binder = Binder.get(environment);
        String service = environment.getRequiredProperty("spring.application.name");
        Map<String, BindingSettings> bindings = new TreeMap<>(
                binder.bind("spring.cloud.stream.bindings", Bindable.mapOf(String.class, BindingSettings.class))
                        .orElse(Map.of()));
        Map<String, KafkaBindingSettings> kafka = binder.bind(
                        "spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingSettings.class))
                .orElse(Map.of());
        var receives = new ArrayList<Consumer>();
        bindings.forEach((name, binding) -> {
            if (!INPUT_BINDING.matcher(name).matches() || binding.group() == null || binding.destination() == null) {
                return;
            }
            List<String> topics = List.of(binding.destination().split("\\s*,\\s*"));
            KafkaConsumerSettings consumer =
                    kafka.containsKey(name) ? kafka.get(name).consumer() : null;
            boolean dlq = consumer != null && consumer.enableDlq();
            String deadLetters = !dlq
                    ? null
                    : consumer.dlqName() != null
                            ? consumer.dlqName()
                            : Topics.deadLetter(topics.getFirst(), binding.group());
            receives.add(
                    new Consumer(name, binding.group(), topics, deadLetters, dlq ? consumer.dlqPartitions() : null));
        });
        List<String> sends = binder.bind("coffeeshop.outbox.topics", Bindable.listOf(String.class))
                .orElse(List.of());
        return new ServiceChannels(
                service,
                environment.getProperty("coffeeshop.contracts.events-version", "1.0.0"),
                List.copyOf(sends),
                List.copyOf(receives));
    }
}
