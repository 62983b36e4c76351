package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.barista.brewing.Decision.Outcome;
import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@BaristaIntegrationTest
class ReservingConcurrentlyTests {

    @Autowired
    Inventory inventory;

    @Autowired
    Preparations preparations;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void neverReservesMoreThanIsOnHandWhenBaristasReserveAtTheSameTime() throws Exception {
        // given ten portions of an ingredient no other test uses, and twenty orders that each want one of it
        String scarce = "scarce-" + UUID.randomUUID();
        String plentiful = "plentiful-" + UUID.randomUUID();
        inventory.stockMissing(Map.of(scarce, 10L, plentiful, 1000L));
        List<Callable<Decision>> baristas = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // half the orders list the ingredients the other way round; locking by name keeps them deadlock-free
            Ingredients needed = i % 2 == 0
                    ? Ingredients.of(scarce, 1, plentiful, 1)
                    : Ingredients.of(plentiful, 1).plus(scarce, 1);
            baristas.add(() -> transactions.execute(tx -> {
                OrderPlaced order = new OrderPlaced(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        Instant.now(),
                        "Lu",
                        List.of(new LineItem("espresso", "small", 1, List.of())),
                        250,
                        "EUR");
                Decision pickedUp = Preparation.none(order.orderId()).pickUp(order, needed, 1, inventory::lockOnHand);
                preparations.record(List.of(pickedUp));
                return pickedUp;
            }));
        }

        // when
        List<Decision> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Decision> outcome : pool.invokeAll(baristas)) {
                outcomes.add(outcome.get());
            }
        }

        // then
        assertThat(outcomes)
                .filteredOn(pickedUp -> pickedUp.outcome() == Outcome.STARTED)
                .hasSize(10);
        assertThat(outcomes)
                .filteredOn(pickedUp -> pickedUp.outcome() == Outcome.REJECTED)
                .hasSize(10);
        assertThat(inventory.onHand(scarce)).isZero();
        assertThat(inventory.onHand(plentiful)).isEqualTo(990);
    }
}
