package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.mock.env.MockEnvironment;

class ConsumedTopicsTests {

    @Test
    void takesTheDestinationsOfTheConsumerBindingsInAGroupAndTheirDeadLetterTopics() {
        // given
        var bindings = new BindingServiceProperties();
        bindings.setBindings(Map.of(
                "prepareOrder-in-0", binding("coffeeshop.intake.orders", "barista-worker"),
                "cancelPreparation-in-0", binding("coffeeshop.intake.cancellations", "barista-worker"),
                "audit-in-0", binding("coffeeshop.audit.a, coffeeshop.audit.b", "barista-worker"),
                "anonymous-in-0", binding("coffeeshop.barista.preparations", null),
                "publish-out-0", binding("coffeeshop.barista.preparations", "barista-worker")));
        var environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.bindings.prepareOrder-in-0.consumer.enable-dlq", "true")
                .withProperty(
                        "spring.cloud.stream.kafka.bindings.prepareOrder-in-0.consumer.dlq-name",
                        "coffeeshop.intake.orders.barista-worker.dlq")
                .withProperty("spring.cloud.stream.kafka.bindings.cancelPreparation-in-0.consumer.enable-dlq", "true");

        // when
        ConsumedTopics consumed = ConsumedTopics.of(bindings, Binder.get(environment));

        // then
        assertThat(consumed.topics())
                .containsExactlyInAnyOrder(
                        "coffeeshop.intake.orders",
                        "coffeeshop.intake.orders.barista-worker.dlq",
                        "coffeeshop.intake.cancellations",
                        "error.coffeeshop.intake.cancellations.barista-worker",
                        "coffeeshop.audit.a",
                        "coffeeshop.audit.b");
        assertThat(consumed.patterns()).isEmpty();
    }

    @Test
    void namesTheBindingsThatReadTopicsByPattern() {
        // given
        var bindings = new BindingServiceProperties();
        bindings.setBindings(Map.of(
                "prepareOrder-in-0", binding("coffeeshop.intake.orders", "barista-worker"),
                "everything-in-0", binding("coffeeshop\\..*", "barista-worker")));
        var environment = new MockEnvironment()
                .withProperty(
                        "spring.cloud.stream.kafka.bindings.everything-in-0.consumer.destination-is-pattern", "true");

        // when
        ConsumedTopics consumed = ConsumedTopics.of(bindings, Binder.get(environment));

        // then
        assertThat(consumed.topics()).containsExactly("coffeeshop.intake.orders");
        assertThat(consumed.patterns()).containsExactly("everything-in-0");
    }

    private static BindingProperties binding(String destination, String group) {
        var binding = new BindingProperties();
        binding.setDestination(destination);
        binding.setGroup(group);
        return binding;
    }
}
