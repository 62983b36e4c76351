package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.menu.Menu;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTests {

    final Menu menu = Menu.standard();

    @Test
    void pricesEachLineBySizeOptionsAndQuantity() {
        // given
        var items = List.of(
                new LineItem("latte", "large", 2, List.of("oat-milk", "extra-shot")),
                new LineItem("espresso", "small", 1, List.of()));

        // when
        long total = Pricing.total(menu, items);

        // then
        assertThat(total).isEqualTo((440 + 50 + 70) * 2 + 220);
    }

    @Test
    void namesEveryLineThatIsNotOnTheMenu() {
        // given
        var items = List.of(
                new LineItem("latte", "venti", 1, List.of()),
                new LineItem("tea", "small", 1, List.of()),
                new LineItem("mocha", "small", 1, List.of("sprinkles", "decaf", "decaf")));

        // then
        assertThatThrownBy(() -> Pricing.total(menu, items))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations())
                        .extracting(InvalidOrderException.Violation::field)
                        .containsExactly("items[0].size", "items[1].drink", "items[2].options", "items[2].options"));
    }
}
