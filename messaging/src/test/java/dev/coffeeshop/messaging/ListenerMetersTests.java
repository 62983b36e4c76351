package dev.coffeeshop.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

class ListenerMetersTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    final Map<String, List<Binding<?>>> bound = new HashMap<>();

    @BeforeEach
    void register() {
        var bindings = new BindingServiceProperties();
        bindings.setBindings(Map.of(
                "notifyAboutOrder-in-0",
                binding(
                        "coffeeshop.intake.orders, coffeeshop.intake.orders.notification-service.replay",
                        "notification-service"),
                "orders-out-0",
                binding("coffeeshop.intake.orders", null)));
        ListenerMeters.register(meters, bindings, () -> availability, name -> bound.getOrDefault(name, List.of()));
    }

    @Test
    void showsABindingRunningOnlyWhileEachOfItsConsumersRunsUnpaused() {
        // given
        var running = new FakeConsumer(true, false);
        var paused = new FakeConsumer(true, true);

        // when / then: not bound yet
        assertThat(running("notifyAboutOrder-in-0")).isZero();

        bound.put("notifyAboutOrder-in-0", List.of(running));
        assertThat(running("notifyAboutOrder-in-0")).isEqualTo(1.0);

        bound.put("notifyAboutOrder-in-0", List.of(running, paused));
        assertThat(running("notifyAboutOrder-in-0")).isZero();

        bound.put("notifyAboutOrder-in-0", List.of(new FakeConsumer(false, false)));
        assertThat(running("notifyAboutOrder-in-0")).isZero();
    }

    @Test
    void watchesConsumerBindingsOnly() {
        // given the bindings registered before each test

        // when
        var watched = meters.find(ListenerMeters.RUNNING).gauges();

        // then
        assertThat(watched)
                .singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("binding")).isEqualTo("notifyAboutOrder-in-0"));
    }

    @Test
    void showsTheServiceBrokenOnceAListenerReportedIt() {
        // given
        assertThat(meters.get(ListenerMeters.BROKEN).gauge().value()).isZero();

        // when
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, LivenessState.BROKEN));

        // then
        assertThat(meters.get(ListenerMeters.BROKEN).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void startsTheDeadLetterCountOfEveryTopicReadAtZero() {
        // given the bindings registered before each test

        // when
        var counters = meters.find(DeadLetterCounter.METER).counters();

        // then
        assertThat(counters)
                .extracting(counter -> counter.getId().getTag("topic"))
                .containsExactlyInAnyOrder(
                        "coffeeshop.intake.orders", "coffeeshop.intake.orders.notification-service.replay");
        assertThat(counters).allSatisfy(counter -> {
            assertThat(counter.getId().getTag("group")).isEqualTo("notification-service");
            assertThat(counter.getId().getTag("reason")).isEqualTo("none");
            assertThat(counter.count()).isZero();
        });
    }

    private double running(String binding) {
        return meters.get(ListenerMeters.RUNNING)
                .tag("binding", binding)
                .gauge()
                .value();
    }

    private static BindingProperties binding(String destination, String group) {
        var properties = new BindingProperties();
        properties.setDestination(destination);
        properties.setGroup(group);
        return properties;
    }

    private record FakeConsumer(boolean running, boolean paused) implements Binding<Object> {

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public boolean isPaused() {
            return paused;
        }

        @Override
        public void unbind() {}
    }
}
