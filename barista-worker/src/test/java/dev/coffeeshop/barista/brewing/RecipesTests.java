package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.events.LineItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipesTests {

    @ParameterizedTest
    @CsvSource({
        "espresso, small, 18, 0",
        "espresso, medium, 27, 0",
        "espresso, large, 36, 0",
        "cappuccino, medium, 27, 225",
        "latte, large, 36, 500",
        "flat-white, small, 36, 120",
        "flat-white, medium, 54, 180"
    })
    void scalesTheSmallRecipeBySize(String drink, String size, long beans, long milk) {
        // given
        var line = new LineItem(drink, size, 1, List.of());

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup.quantityOf("coffee-beans")).isEqualTo(beans);
        assertThat(cup.quantityOf("milk")).isEqualTo(milk);
    }

    @Test
    void roundsScaledQuantitiesUp() {
        // given
        var line = new LineItem("pumpkin-spice-latte", "medium", 1, List.of());

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup).isEqualTo(Ingredients.of("coffee-beans", 27, "milk", 375, "pumpkin-spice", 23));
    }

    @Test
    void makesAMochaFromBeansMilkAndChocolate() {
        // given
        var line = new LineItem("mocha", "small", 1, List.of());

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup).isEqualTo(Ingredients.of("coffee-beans", 18, "milk", 200, "chocolate", 30));
    }

    @Test
    void replacesMilkWithOatMilkAtTheSameQuantity() {
        // given
        var line = new LineItem("latte", "large", 1, List.of("oat-milk"));

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup).isEqualTo(Ingredients.of("coffee-beans", 36, "oat-milk", 500));
    }

    @Test
    void addsAnExtraShotAndVanillaSyrupWithoutScalingThem() {
        // given
        var line = new LineItem("cappuccino", "large", 1, List.of("extra-shot", "vanilla-syrup"));

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup).isEqualTo(Ingredients.of("coffee-beans", 36 + 18, "milk", 300, "vanilla-syrup", 10));
    }

    @Test
    void makesEveryShotOfADecafDrinkDecaf() {
        // given
        var line = new LineItem("americano", "medium", 1, List.of("extra-shot", "decaf"));

        // when
        Ingredients cup = Recipes.forLine(line);

        // then
        assertThat(cup).isEqualTo(Ingredients.of("decaf-beans", 27 + 18));
    }

    @Test
    void multipliesALineByItsQuantityAndAddsTheLinesUp() {
        // given
        var items = List.of(
                new LineItem("latte", "medium", 2, List.of("oat-milk")),
                new LineItem("espresso", "small", 3, List.of()));

        // when
        Ingredients order = Recipes.forOrder(items);

        // then
        assertThat(order).isEqualTo(Ingredients.of("coffee-beans", 2 * 27 + 3 * 18, "oat-milk", 2 * 375));
        assertThat(Recipes.drinks(items)).isEqualTo(5);
    }

    @Test
    void refusesAnOrderWithoutItems() {
        assertThatThrownBy(() -> Recipes.forOrder(List.of()))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("order has no items");
    }

    @Test
    void refusesAnUnknownDrink() {
        assertThatThrownBy(() -> Recipes.forOrder(List.of(new LineItem("babyccino", "small", 1, List.of()))))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("unknown drink 'babyccino'");
    }

    @Test
    void refusesAnUnknownSize() {
        assertThatThrownBy(() -> Recipes.forOrder(List.of(new LineItem("latte", "venti", 1, List.of()))))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("unknown size 'venti'");
    }

    @Test
    void refusesAnUnknownOption() {
        assertThatThrownBy(() -> Recipes.forOrder(List.of(new LineItem("latte", "small", 1, List.of("whipped-cream")))))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("unknown option 'whipped-cream'");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void refusesAQuantityBelowOne(int quantity) {
        assertThatThrownBy(() -> Recipes.forOrder(List.of(new LineItem("latte", "small", quantity, List.of()))))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("below 1");
    }
}
