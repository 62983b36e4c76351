package dev.coffeeshop.messaging.inbox;

import dev.coffeeshop.messaging.staff.DeadLetterTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.util.StringUtils;

/**
 * The topics a copy of an event this service acted on can come back from: the destinations of its consumer bindings
 * (those with a group; an anonymous consumer starts at the end of its topic every time), and their dead-letter topics,
 * whose records an operator may replay to the original topic long after they were dead-lettered.
 *
 * @param topics every such topic
 * @param patterns bindings whose destination is a pattern ({@code destination-is-pattern}): which topics they read
 *     cannot be told from the configuration
 */
record ConsumedTopics(Set<String> topics, List<String> patterns) {

    private static final Pattern OUTPUT_BINDING = Pattern.compile(".*-out-\\d+");

    static ConsumedTopics of(BindingServiceProperties bindings, Binder binder) {
        Map<String, KafkaBindingProperties> kafka = binder.bind(
                        "spring.cloud.stream.kafka.bindings",
                        Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(Map.of());
        KafkaConsumerProperties defaults = binder.bind(
                        "spring.cloud.stream.kafka.default.consumer", KafkaConsumerProperties.class)
                .orElseGet(KafkaConsumerProperties::new);
        var topics = new TreeSet<String>();
        var patterns = new TreeSet<String>();
        for (String binding : bindings.getBindings().keySet()) {
            if (!StringUtils.hasText(bindings.getGroup(binding))
                    || OUTPUT_BINDING.matcher(binding).matches()) {
                continue;
            }
            boolean pattern = Optional.ofNullable(kafka.get(binding))
                            .map(KafkaBindingProperties::getConsumer)
                            .map(KafkaConsumerProperties::isDestinationIsPattern)
                            .orElse(false)
                    || defaults.isDestinationIsPattern();
            if (pattern) {
                patterns.add(binding);
                continue;
            }
            for (String destination :
                    StringUtils.commaDelimitedListToStringArray(bindings.getBindingDestination(binding))) {
                if (StringUtils.hasText(destination)) {
                    topics.add(destination.strip());
                }
            }
        }
        DeadLetterTopics.sources(bindings, binder).forEach(source -> topics.add(source.topic()));
        return new ConsumedTopics(Set.copyOf(topics), List.copyOf(patterns));
    }
}
