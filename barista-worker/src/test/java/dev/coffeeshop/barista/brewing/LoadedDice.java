package dev.coffeeshop.barista.brewing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Dice that show a high number, so the machine works, until a test asks for the next roll to break it, or to throw
 * an {@link Error} on the listener's thread as a JVM in trouble would.
 */
class LoadedDice implements RandomGenerator {

    private final AtomicBoolean breakNextRoll = new AtomicBoolean();
    private final AtomicReference<Error> error = new AtomicReference<>();
    private final AtomicInteger errorsToThrow = new AtomicInteger();

    void breakTheMachineOnTheNextOrder() {
        breakNextRoll.set(true);
    }

    /** Throws {@code error} on the next {@code rolls} rolls, whichever order and delivery they are for. */
    void throwOnTheNextRolls(Error error, int rolls) {
        this.error.set(error);
        errorsToThrow.set(rolls);
    }

    /** How many of the errors asked for are still to be thrown. */
    int errorsLeft() {
        return errorsToThrow.get();
    }

    @Override
    public double nextDouble() {
        if (errorsToThrow.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw error.get();
        }
        return breakNextRoll.getAndSet(false) ? 0.0 : 0.999;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("the equipment only rolls doubles");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        LoadedDice loadedDice() {
            return new LoadedDice();
        }
    }
}
