package dev.coffeeshop.intake.operator;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.ordering.OrderNotFoundException;
import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the cashier recorded about one order: the order as it stands, its timeline and its payment actions, as timeline
 * entries. It reads the tables directly, in one snapshot: a view for staff that changes nothing.
 */
@Repository
class CashierRecords {

    static final String SERVICE = "order-intake";

    private static final TypeReference<List<LineItem>> LINE_ITEMS = new TypeReference<>() {};

    /** What each step of the cashier's timeline means, for people; its name is kept as the entry's step. */
    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("PLACED", "Placed and the payment authorized"),
            Map.entry("CANCEL_REQUESTED", "The customer asked to cancel"),
            Map.entry("CANCELLATION_REFUSED", "Too late to cancel: the baristas had started"),
            Map.entry("CANCELLATION_ACCEPTED", "The baristas stopped it before starting"),
            Map.entry("READY", "Ready: the drinks were handed over"),
            Map.entry("REJECTED", "The baristas could not make it"),
            Map.entry("DEADLINE_EXCEEDED", "Not ready by its deadline: given up"),
            Map.entry("REFUNDED", "The money went back"),
            Map.entry("CANCELLED", "Cancelled, never charged"),
            Map.entry("WRITTEN_OFF", "A drink made after the order was given up: written off, never charged"));

    private static final Map<String, String> ACTIONS =
            Map.of("CAPTURE", "Payment captured", "VOID", "Authorization voided", "REFUND", "Money refunded");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CashierRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The order and its entries, oldest first. */
    record Recorded(OrderOverviews.Order order, List<OrderTimeline.Entry> entries) {}

    /**
     * The order and everything the cashier recorded about it, read in one snapshot.
     *
     * @throws OrderNotFoundException when the cashier never took it
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Recorded of(UUID orderId) {
        OrderOverviews.Order order = jdbc.sql("""
                        SELECT id, customer_name, owner, status, payment_status, items, total_cents, currency, placed_at,
                               deadline_at
                        FROM orders WHERE id = ?""")
                .param(orderId)
                .query((rs, n) -> new OrderOverviews.Order(
                        rs.getObject("id", UUID.class),
                        rs.getString("customer_name"),
                        rs.getString("owner"),
                        rs.getString("status"),
                        rs.getString("payment_status"),
                        json.readValue(rs.getString("items"), LINE_ITEMS),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        rs.getTimestamp("placed_at").toInstant(),
                        rs.getTimestamp("deadline_at").toInstant()))
                .optional()
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        var entries = new ArrayList<OrderTimeline.Entry>();
        entries.addAll(jdbc.sql("SELECT status, at, detail FROM order_timeline WHERE order_id = ? ORDER BY id")
                .param(orderId)
                .query((rs, n) -> step(rs, order))
                .list());
        entries.addAll(
                jdbc.sql("""
                        SELECT action, status, attempts, next_attempt_at, last_error, updated_at
                        FROM payment_actions WHERE order_id = ? ORDER BY created_at""").param(orderId).query((rs, n) -> paymentAction(rs)).list());
        // stable: steps written at the same instant keep the order the cashier wrote them in
        entries.sort(Comparator.comparing(OrderTimeline.Entry::at));
        return new Recorded(order, List.copyOf(entries));
    }

    private static OrderTimeline.Entry step(ResultSet rs, OrderOverviews.Order order) throws SQLException {
        String step = rs.getString("status");
        String summary = STEPS.getOrDefault(step, step);
        String detail = rs.getString("detail");
        if (step.equals("PLACED") && detail == null) {
            detail = order.items().stream().map(CashierRecords::line).collect(Collectors.joining(", ")) + "; "
                    + money(order.totalCents(), order.currency());
        }
        return new OrderTimeline.Entry(rs.getTimestamp("at").toInstant(), SERVICE, step, summary, detail);
    }

    /** A capture, void or refund: done, still being tried, or parked for an operator. */
    private static OrderTimeline.Entry paymentAction(ResultSet rs) throws SQLException {
        String action = rs.getString("action");
        String status = rs.getString("status");
        int attempts = rs.getInt("attempts");
        String tries = attempts + (attempts == 1 ? " attempt" : " attempts");
        String name = action.charAt(0) + action.substring(1).toLowerCase(Locale.ROOT);
        Timestamp at = rs.getTimestamp("updated_at");
        String summary =
                switch (status) {
                    case "DONE" -> ACTIONS.getOrDefault(action, action) + " at the provider after " + tries;
                    case "PARKED" -> name + " parked for an operator after " + tries;
                    default ->
                        name + " being tried: " + tries + " so far, next at "
                                + rs.getTimestamp("next_attempt_at").toInstant();
                };
        return new OrderTimeline.Entry(
                at.toInstant(), SERVICE, "PAYMENT_" + action + "_" + status, summary, rs.getString("last_error"));
    }

    private static String line(LineItem item) {
        String options = item.options().isEmpty() ? "" : " (" + String.join(", ", item.options()) + ")";
        return item.quantity() + " × " + item.size() + " " + item.drink() + options;
    }

    private static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, cents % 100, currency);
    }
}
