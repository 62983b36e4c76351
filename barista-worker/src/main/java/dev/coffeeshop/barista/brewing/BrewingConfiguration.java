package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.BaristaProperties;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class BrewingConfiguration {

    /** Decides equipment failures; safe for the concurrent consumers, and a test can replace it with loaded dice. */
    @Bean
    RandomGenerator equipmentDice() {
        return ThreadLocalRandom.current();
    }

    @Bean
    Barista barista(
            TransactionTemplate transactions,
            Preparations preparations,
            Inventory inventory,
            Outbox outbox,
            RandomGenerator dice,
            BaristaProperties properties,
            MeterRegistry meters) {
        return new Barista(
                transactions,
                preparations,
                inventory,
                outbox,
                new Equipment(properties.equipmentFailureRate(), dice),
                properties.preparationTime(),
                properties.haltAfterHandover(),
                meters);
    }
}
