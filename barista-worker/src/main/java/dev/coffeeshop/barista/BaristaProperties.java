package dev.coffeeshop.barista;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the baristas work.
 *
 * @param preparationTime how long one drink takes; an order takes this times its number of drinks
 * @param equipmentFailureRate the chance (0.0 to 1.0) that the machine breaks down while an order is prepared
 * @param inventory opening stock per ingredient in base units; seeded only for ingredients the database lacks
 * @param haltAfterHandover fault injection, never for production: the process halts (as if killed) right after the
 *     first handover commits, before the consumer's offset is committed, so the order is delivered again after a
 *     restart; used by the fault-injection suite (fault F5)
 */
@Validated
@ConfigurationProperties("coffeeshop.barista")
public record BaristaProperties(
        @DefaultValue("200ms") @NotNull Duration preparationTime,

        @DefaultValue("0.0") @DecimalMin("0.0") @DecimalMax("1.0")
        double equipmentFailureRate,

        Map<String, @NotNull @PositiveOrZero Long> inventory,

        @DefaultValue("false") boolean haltAfterHandover) {

    public BaristaProperties {
        inventory = inventory == null ? Map.of() : Map.copyOf(inventory);
    }
}
