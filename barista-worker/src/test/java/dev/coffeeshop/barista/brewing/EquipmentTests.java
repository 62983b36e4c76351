package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EquipmentTests {

    /** Dice that always show the same value. */
    private static RandomGenerator showing(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void breaksDownWhenTheDiceFallBelowTheFailureRate() {
        assertThat(new Equipment(0.3, showing(0.29)).breaksDown()).isTrue();
        assertThat(new Equipment(0.3, showing(0.3)).breaksDown()).isFalse();
    }

    @Test
    void alwaysBreaksDownAtRateOne() {
        assertThat(new Equipment(1.0, showing(0.999999)).breaksDown()).isTrue();
    }

    @Test
    void neverBreaksDownAtRateZero() {
        assertThat(new Equipment(0.0, showing(0.0)).breaksDown()).isFalse();
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new Equipment(1.5, showing(0.0))).isInstanceOf(IllegalArgumentException.class);
    }
}
