package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTests {

    @Test
    void aPlacedOrderEndsReadyOrRefunded() {
        assertThat(OrderStatus.PLACED.canMoveTo(OrderStatus.READY)).isTrue();
        assertThat(OrderStatus.PLACED.canMoveTo(OrderStatus.REFUNDED)).isTrue();
        assertThat(OrderStatus.PLACED.isFinal()).isFalse();
    }

    @Test
    void nothingLeavesAFinalState() {
        for (OrderStatus done : new OrderStatus[] {OrderStatus.READY, OrderStatus.REFUNDED}) {
            assertThat(done.isFinal()).isTrue();
            for (OrderStatus next : OrderStatus.values()) {
                assertThat(done.canMoveTo(next)).as("%s -> %s", done, next).isFalse();
            }
        }
    }
}
