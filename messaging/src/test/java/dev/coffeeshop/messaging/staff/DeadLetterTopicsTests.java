package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.messaging.KafkaBrokers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.mock.env.MockEnvironment;

class DeadLetterTopicsTests {

    @Test
    void derivesTheDeadLetterTopicsFromTheConsumerBindingsThatEnableThem() {
        // given
        var bindings = new BindingServiceProperties();
        bindings.setBindings(Map.of(
                "notifyAboutOrder-in-0", binding("coffeeshop.intake.orders", "notification-service"),
                "prepareOrder-in-0", binding("coffeeshop.intake.orders", "barista-worker"),
                "anonymous-in-0", binding("coffeeshop.barista.preparations", null),
                "withoutDlq-in-0", binding("coffeeshop.barista.preparations", "quiet")));
        var environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.bindings.notifyAboutOrder-in-0.consumer.enable-dlq", "true")
                .withProperty(
                        "spring.cloud.stream.kafka.bindings.notifyAboutOrder-in-0.consumer.dlq-name",
                        "coffeeshop.intake.orders.notification-service.dlq")
                .withProperty("spring.cloud.stream.kafka.bindings.prepareOrder-in-0.consumer.enable-dlq", "true");

        // when
        var sources = DeadLetterTopics.sources(bindings, Binder.get(environment));

        // then
        assertThat(sources)
                .containsExactly(
                        new DeadLetterTopics.Source(
                                "notifyAboutOrder-in-0",
                                "coffeeshop.intake.orders",
                                "notification-service",
                                "coffeeshop.intake.orders.notification-service.dlq"),
                        new DeadLetterTopics.Source(
                                "prepareOrder-in-0",
                                "coffeeshop.intake.orders",
                                "barista-worker",
                                "error.coffeeshop.intake.orders.barista-worker"));
    }

    @Test
    void connectsToTheBindersBrokersWithTheBindersClientConfiguration() {
        // given
        var environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.binder.brokers", "kafka-1,kafka-2:9093")
                .withProperty("spring.cloud.stream.kafka.binder.configuration.security.protocol", "SSL");

        // when
        var config = KafkaBrokers.clientConfig(Binder.get(environment), null);

        // then
        assertThat(config)
                .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9093")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void replaysToTheGroupsOwnReplayTopicOfTheOriginalAndAgainToItAfterAReplayFailed() {
        // given
        var fromOriginal = new DeadLetterTopics.Source(
                "prepareOrder-in-0", "coffeeshop.intake.orders", "barista-worker", "orders.barista-worker.dlq");
        var fromReplay = new DeadLetterTopics.Source(
                "prepareOrder-in-0",
                "coffeeshop.intake.orders.barista-worker.replay",
                "barista-worker",
                "orders.barista-worker.dlq");

        // when / then
        assertThat(DeadLetterTopics.replayTopic(fromOriginal))
                .isEqualTo("coffeeshop.intake.orders.barista-worker.replay");
        assertThat(DeadLetterTopics.replayTopic(fromReplay))
                .isEqualTo("coffeeshop.intake.orders.barista-worker.replay");
    }

    private static BindingProperties binding(String destination, String group) {
        var binding = new BindingProperties();
        binding.setDestination(destination);
        binding.setGroup(group);
        return binding;
    }
}
