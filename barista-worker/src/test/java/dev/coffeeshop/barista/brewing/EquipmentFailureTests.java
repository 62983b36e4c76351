package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Cashier.line;
import static dev.coffeeshop.barista.brewing.Cashier.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BaristaIntegrationTest
class EquipmentFailureTests {

    @AutoClose
    static final Cashier cashier = new Cashier();

    @AutoClose
    static final TopicReader preparations = new TopicReader(Topics.PREPARATIONS);

    @Autowired
    LoadedDice dice;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rejectsAnOrderWhenTheMachineBreaksDownAndGivesItsIngredientsBack() {
        // given
        long beans = inventory.onHand("coffee-beans");
        long milk = inventory.onHand("milk");
        dice.breakTheMachineOnTheNextOrder();
        OrderPlaced order = order("Ida", line("latte", "medium", 2));

        // when
        cashier.publishes(order);

        // then
        assertThat(preparations.awaitFirstEventOf(order.orderId()))
                .isInstanceOfSatisfying(OrderRejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(RejectionReason.EQUIPMENT_FAILURE);
                    assertThat(rejected.customerName()).isEqualTo("Ida");
                });
        assertThat(inventory.onHand("coffee-beans")).isEqualTo(beans);
        assertThat(inventory.onHand("milk")).isEqualTo(milk);
        assertThat(jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = ? AND released_at IS NOT NULL")
                        .param(order.orderId())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }
}
