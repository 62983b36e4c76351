package dev.coffeeshop.barista.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationTests {

    @Test
    void grantsEverythingWhenEveryIngredientSuffices() {
        // given
        var needed = Ingredients.of("coffee-beans", 36, "milk", 500);
        var onHand = Map.of("coffee-beans", 36L, "milk", 1000L, "chocolate", 0L);

        // when
        Reservation reservation = Reservation.decide(needed, onHand);

        // then
        assertThat(reservation).isEqualTo(new Reservation.Granted(needed));
    }

    @Test
    void refusesEverythingWhenOneIngredientIsShort() {
        // given
        var needed = Ingredients.of("coffee-beans", 18, "milk", 250, "pumpkin-spice", 15);
        var onHand = Map.of("coffee-beans", 1000L, "milk", 1000L, "pumpkin-spice", 14L);

        // when
        Reservation reservation = Reservation.decide(needed, onHand);

        // then
        assertThat(reservation).isEqualTo(new Reservation.Refused("pumpkin-spice", 15, 14));
        assertThat(((Reservation.Refused) reservation).detail()).contains("pumpkin-spice");
    }

    @Test
    void countsAnIngredientNeverStockedAsNoneOnHand() {
        // given
        var needed = Ingredients.of("oat-milk", 1);

        // when
        Reservation reservation = Reservation.decide(needed, Map.of());

        // then
        assertThat(reservation).isEqualTo(new Reservation.Refused("oat-milk", 1, 0));
    }

    @Test
    void namesTheFirstShortIngredientByName() {
        // given
        var needed = Ingredients.of("milk", 10, "chocolate", 10);

        // when
        Reservation reservation = Reservation.decide(needed, Map.of());

        // then
        assertThat(reservation)
                .isInstanceOfSatisfying(Reservation.Refused.class, refused -> assertThat(refused.ingredient())
                        .isEqualTo("chocolate"));
    }
}
