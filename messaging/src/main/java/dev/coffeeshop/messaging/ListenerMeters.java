package dev.coffeeshop.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.util.StringUtils;

/**
 * The meters an alert about this service's listeners needs, there from start-up so that an alert never waits for a
 * first event to have a series to look at:
 *
 * <ul>
 *   <li>{@value #RUNNING}{@code {binding}}: 1 while every consumer of the binding runs and is not paused, else 0 (a
 *       container stopped by an error, a binding stopped through the actuator, or not bound at all);
 *   <li>{@value #BROKEN}: 1 once a listener reported the application BROKEN ({@link ListenerLiveness}), else 0;
 *   <li>{@value DeadLetterCounter#METER}{@code {topic, group, reason="none"}} at zero for every topic a binding with a
 *       group reads: the dead-letter counter's other series appear with their first record, and a series that starts
 *       at 1 shows no increase in PromQL; with this one there, the sum per topic and group exists from start-up and
 *       the first dead letter of any reason is an increase of it.
 * </ul>
 */
final class ListenerMeters {

    static final String RUNNING = "coffeeshop.listener.running";
    static final String BROKEN = "coffeeshop.liveness.broken";

    private ListenerMeters() {}

    /**
     * Registers the meters for every consumer binding of {@code bindings}; {@code consumers} answers a binding's
     * consumers (none before it is bound), read at each scrape.
     */
    static void register(
            MeterRegistry meters,
            BindingServiceProperties bindings,
            Supplier<@Nullable ApplicationAvailability> availability,
            Consumers consumers) {
        Gauge.builder(BROKEN, () -> broken(availability.get()))
                .description("1 once a listener threw an Error and reported the application BROKEN, else 0")
                .register(meters);
        for (Map.Entry<String, BindingProperties> binding :
                bindings.getBindings().entrySet()) {
            String group = binding.getValue().getGroup();
            if (!StringUtils.hasText(group)) {
                continue; // an output, or an anonymous consumer: nothing to watch
            }
            String name = binding.getKey();
            Gauge.builder(RUNNING, () -> running(consumers.of(name)))
                    .description("1 while every consumer of the binding runs and is not paused, else 0")
                    .tag("binding", name)
                    .register(meters);
            String destination = binding.getValue().getDestination();
            for (String topic : StringUtils.commaDelimitedListToStringArray(destination)) {
                Counter.builder(DeadLetterCounter.METER)
                        .description("records sent to a dead-letter topic")
                        .tag("topic", topic.strip())
                        .tag("group", group)
                        .tag("reason", "none")
                        .register(meters);
            }
        }
    }

    /** The consumers bound for one binding name. */
    @FunctionalInterface
    interface Consumers {
        List<Binding<?>> of(String binding);
    }

    static int running(List<Binding<?>> consumers) {
        return !consumers.isEmpty() && consumers.stream().allMatch(c -> c.isRunning() && !c.isPaused()) ? 1 : 0;
    }

    private static int broken(@Nullable ApplicationAvailability availability) {
        // the state last published, not getLivenessState(), which answers BROKEN before the context published any
        return availability != null && availability.getState(LivenessState.class) == LivenessState.BROKEN ? 1 : 0;
    }
}
