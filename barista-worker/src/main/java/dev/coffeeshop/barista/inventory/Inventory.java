package dev.coffeeshop.barista.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock in this service's database. Locking, taking and releasing join the caller's transaction, which must
 * exist.
 */
@Component
public class Inventory {

    private final JdbcClient jdbc;

    Inventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What is on hand of each ingredient {@code needed}, with their rows locked in ingredient order until the caller's
     * transaction ends, which must not wait for anything slow. An ingredient never stocked is missing from the answer.
     * What is decided on these quantities, such as a {@link Reservation}, holds until then.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Long> lockOnHand(Ingredients needed) {
        return lock(List.copyOf(needed.quantities().keySet()));
    }

    /**
     * Takes {@code granted} for {@code orderId}, as a {@link Reservation.Granted} allowed on quantities that
     * {@link #lockOnHand} locked in this transaction. Stock never goes below zero: were it ever asked to, the database
     * refuses.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void take(UUID orderId, Ingredients granted) {
        granted.quantities().forEach((ingredient, quantity) -> {
            jdbc.sql("UPDATE inventory SET quantity = quantity - ?, updated_at = now() WHERE ingredient = ?")
                    .params(quantity, ingredient)
                    .update();
            jdbc.sql("INSERT INTO reservations (order_id, ingredient, quantity) VALUES (?, ?, ?)")
                    .params(orderId, ingredient, quantity)
                    .update();
        });
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
