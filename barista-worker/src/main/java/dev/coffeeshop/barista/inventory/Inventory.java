package dev.coffeeshop.barista.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The stock in this service's database. Reserving and releasing join the caller's transaction, which must exist. */
@Component
public class Inventory {

    private final JdbcClient jdbc;

    Inventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes all of {@code needed} for {@code orderId}, or nothing. The rows are locked in ingredient order and held only
     * until the caller's transaction ends, which must not wait for anything slow.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Reservation reserve(UUID orderId, Ingredients needed) {
        Reservation reservation =
                Reservation.decide(needed, lock(List.copyOf(needed.quantities().keySet())));
        if (reservation instanceof Reservation.Granted granted) {
            granted.ingredients().quantities().forEach((ingredient, quantity) -> {
                jdbc.sql("UPDATE inventory SET quantity = quantity - ?, updated_at = now() WHERE ingredient = ?")
                        .params(quantity, ingredient)
                        .update();
                jdbc.sql("INSERT INTO reservations (order_id, ingredient, quantity) VALUES (?, ?, ?)")
                        .params(orderId, ingredient, quantity)
                        .update();
            });
        }
        return reservation;
    }

    /** Gives back what {@code orderId} still holds; releasing twice gives back nothing the second time. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Ingredients release(UUID orderId) {
        Ingredients held = Ingredients.of(jdbc
                .sql("""
                        SELECT ingredient, quantity FROM reservations
                        WHERE order_id = ? AND released_at IS NULL FOR UPDATE""")
                .param(orderId)
                .query((rs, n) -> Map.entry(rs.getString("ingredient"), rs.getLong("quantity")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        lock(List.copyOf(held.quantities().keySet()));
        held.quantities().forEach((ingredient, quantity) -> jdbc.sql(
                        "UPDATE inventory SET quantity = quantity + ?, updated_at = now() WHERE ingredient = ?")
                .params(quantity, ingredient)
                .update());
        jdbc.sql("UPDATE reservations SET released_at = now() WHERE order_id = ? AND released_at IS NULL")
                .param(orderId)
                .update();
        return held;
    }

    /** What is on hand now, 0 for an ingredient never stocked. */
    public long onHand(String ingredient) {
        return jdbc.sql("SELECT quantity FROM inventory WHERE ingredient = ?")
                .param(ingredient)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Adds ingredients that are not stocked yet; stock already there, whatever its level, is kept. */
    public void stockMissing(Map<String, Long> openingStock) {
        openingStock.forEach((ingredient, quantity) -> jdbc.sql(
                        "INSERT INTO inventory (ingredient, quantity) VALUES (?, ?) ON CONFLICT (ingredient) DO NOTHING")
                .params(ingredient, quantity)
                .update());
    }

    /** Locks rows in name order, the same order every transaction uses, so lock waits can never form a cycle. */
    private Map<String, Long> lock(List<String> ingredients) {
        if (ingredients.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        SELECT ingredient, quantity FROM inventory
                        WHERE ingredient = ANY(?) ORDER BY ingredient FOR UPDATE""")
                .param(ingredients.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("ingredient"), rs.getLong("quantity")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
