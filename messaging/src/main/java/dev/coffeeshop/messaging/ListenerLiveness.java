package dev.coffeeshop.messaging;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Reports the application BROKEN when a listener throws an {@link Error}, so that the liveness probe and the overall
 * health answer DOWN and the orchestrator restarts the service.
 *
 * <p>The binder treats an Error like any exception: it retries the record with back-off and then sends it to the
 * dead-letter topic, while the container keeps running and the binder's health stays UP. An Error (out of memory, a
 * stack overflow, a linkage problem) says the JVM is in trouble, not the record, so this service must not go on
 * looking healthy. The Error is rethrown: what the binder does with the record does not change.
 */
public final class ListenerLiveness {

    private static final Logger log = LoggerFactory.getLogger(ListenerLiveness.class);

    private final ApplicationEventPublisher publisher;

    public ListenerLiveness(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public <T> Consumer<T> guard(String binding, Consumer<T> listener) {
        return message -> {
            try {
                listener.accept(message);
            } catch (Error e) {
                log.error("Listener {} threw {}; reporting the application BROKEN so that it is restarted", binding, e);
                AvailabilityChangeEvent.publish(publisher, this, LivenessState.BROKEN);
                throw e;
            }
        };
    }
}
