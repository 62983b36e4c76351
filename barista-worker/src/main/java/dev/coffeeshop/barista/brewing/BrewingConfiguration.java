package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.BaristaProperties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BrewingConfiguration {

    /** Decides equipment failures; safe for the concurrent consumers, and a test can replace it with loaded dice. */
    @Bean
    RandomGenerator equipmentDice() {
        return ThreadLocalRandom.current();
    }

    @Bean
    Equipment equipment(RandomGenerator dice, BaristaProperties properties) {
        return new Equipment(properties.equipmentFailureRate(), dice);
    }
}
