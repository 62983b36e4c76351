package dev.coffeeshop.barista.brewing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Dice that show a high number, so the machine works, until a test asks for the next roll to break it. */
class LoadedDice implements RandomGenerator {

    private final AtomicBoolean breakNextRoll = new AtomicBoolean();

    void breakTheMachineOnTheNextOrder() {
        breakNextRoll.set(true);
    }

    @Override
    public double nextDouble() {
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
