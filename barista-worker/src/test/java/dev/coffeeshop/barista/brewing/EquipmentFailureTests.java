package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.testsupport.TestKafka;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BaristaIntegrationTest
class EquipmentFailureTests {

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

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
        kafka.publish(order);

        // then
        assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOfSatisfying(OrderRejected.class, rejected -> {
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
