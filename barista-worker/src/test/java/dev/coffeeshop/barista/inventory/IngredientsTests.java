package dev.coffeeshop.barista.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngredientsTests {

    @Test
    void keepsIngredientsInNameOrderForLocking() {
        // given
        var ingredients = Ingredients.of("milk", 1, "coffee-beans", 2, "chocolate", 3);

        // when
        var names = ingredients.quantities().keySet();

        // then
        assertThat(names).containsExactly("chocolate", "coffee-beans", "milk");
    }

    @Test
    void addsQuantitiesOfTheSameIngredient() {
        // given
        var latte = Ingredients.of("coffee-beans", 18, "milk", 250);

        // when
        var twoLattesAndAShot = latte.times(2).plus(Ingredients.of("coffee-beans", 18));

        // then
        assertThat(twoLattesAndAShot).isEqualTo(Ingredients.of("coffee-beans", 54, "milk", 500));
    }

    @Test
    void forgetsIngredientsOfWhichNoneIsNeeded() {
        assertThat(Ingredients.of("milk", 0)).isEqualTo(Ingredients.none());
    }
}
