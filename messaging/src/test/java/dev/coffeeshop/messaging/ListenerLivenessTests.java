package dev.coffeeshop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;

class ListenerLivenessTests {

    final List<Object> published = new ArrayList<>();
    final ListenerLiveness liveness = new ListenerLiveness(published::add);

    @Test
    void reportsTheApplicationBrokenWhenAListenerThrowsAnErrorAndRethrowsIt() {
        // given
        var error = new StackOverflowError("simulated");

        // when / then
        assertThatThrownBy(() -> liveness.<String>guard("test-in-0", message -> {
                            throw error;
                        })
                        .accept("record"))
                .isSameAs(error);
        assertThat(published).singleElement().isInstanceOfSatisfying(AvailabilityChangeEvent.class, event -> assertThat(
                        event.getState())
                .isEqualTo(LivenessState.BROKEN));
    }

    @Test
    void leavesExceptionsToTheBinderWithoutChangingLiveness() {
        // given
        var exception = new IllegalStateException("a bad record");

        // when / then
        assertThatThrownBy(() -> liveness.<String>guard("test-in-0", message -> {
                            throw exception;
                        })
                        .accept("record"))
                .isSameAs(exception);
        assertThat(published).isEmpty();
    }
}
