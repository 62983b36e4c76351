package dev.coffeeshop.barista.timeline;

import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the baristas' tables hold about one order, as timeline entries in the order they happened. It reads the
 * preparation log, the reservations, the counter's handovers and the cancellation answers directly: a view for staff
 * that changes nothing, so brewing keeps its own classes to itself.
 */
@Repository
class PreparationRecords {

    static final String SERVICE = "barista-worker";

    private final JdbcClient jdbc;

    PreparationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's entries, oldest first; empty when the baristas never heard of it. */
    List<OrderTimeline.Entry> of(UUID orderId) {
        var entries = new ArrayList<OrderTimeline.Entry>();
        String reserved = reservations(orderId);
        jdbc.sql("""
                        SELECT drinks, status, reason, detail, started_at, finished_at
                        FROM preparations WHERE order_id = ?""")
                .param(orderId)
                .query((rs, n) -> preparation(
                        rs.getInt("drinks"),
                        rs.getString("status"),
                        reasonAndDetail(rs.getString("reason"), rs.getString("detail")),
                        rs.getTimestamp("started_at"),
                        rs.getTimestamp("finished_at"),
                        reserved))
                .list()
                .forEach(entries::addAll);
        entries.addAll(jdbc.sql("SELECT drinks, handed_over_at FROM handovers WHERE order_id = ? ORDER BY id")
                .param(orderId)
                .query((rs, n) -> entry(
                        rs.getTimestamp("handed_over_at"),
                        "HANDED_OVER",
                        "Handed over at the counter: " + drinks(rs.getInt("drinks")),
                        null))
                .list());
        entries.addAll(jdbc.sql("SELECT reason, answer, detail, answered_at FROM cancellations WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> entry(
                        rs.getTimestamp("answered_at"),
                        "CANCELLATION_" + rs.getString("answer"),
                        "Cancellation (" + rs.getString("reason") + ") answered " + rs.getString("answer"),
                        rs.getString("detail")))
                .list());
        entries.sort(Comparator.comparing(OrderTimeline.Entry::at));
        return List.copyOf(entries);
    }

    /** The ingredients taken for the order, and whether they were given back: "espresso-shot 2, milk 300 (given back)". */
    private String reservations(UUID orderId) {
        return jdbc
                .sql("""
                        SELECT ingredient, quantity, released_at IS NOT NULL AS released
                        FROM reservations WHERE order_id = ? ORDER BY ingredient""")
                .param(orderId)
                .query((rs, n) -> rs.getString("ingredient") + " " + rs.getLong("quantity")
                        + (rs.getBoolean("released") ? " (given back)" : ""))
                .list()
                .stream()
                .collect(Collectors.joining(", "));
    }

    /** A preparation's start (a tombstone of a cancelled order has none) and its end, if it ended. */
    private static List<OrderTimeline.Entry> preparation(
            int drinks,
            String status,
            @Nullable String why,
            @Nullable Timestamp started,
            @Nullable Timestamp finished,
            String reserved) {
        var entries = new ArrayList<OrderTimeline.Entry>();
        if (started != null) {
            entries.add(entry(
                    started,
                    "PREPARATION_STARTED",
                    "A barista picked it up: " + drinks(drinks),
                    reserved.isEmpty() ? null : "reserved " + reserved));
        }
        if (finished != null) {
            entries.add(
                    switch (status) {
                        case "READY" -> entry(finished, "PREPARATION_READY", "Made", null);
                        case "REJECTED" -> entry(finished, "PREPARATION_REJECTED", "Could not be made", why);
                        default -> entry(finished, "PREPARATION_CANCELLED", "Stopped before a barista started", why);
                    });
        }
        return entries;
    }

    private static String drinks(int drinks) {
        return drinks + (drinks == 1 ? " drink" : " drinks");
    }

    private static @Nullable String reasonAndDetail(@Nullable String reason, @Nullable String detail) {
        if (reason == null) {
            return detail;
        }
        return detail == null ? reason : reason + ": " + detail;
    }

    private static OrderTimeline.Entry entry(Timestamp at, String step, String summary, @Nullable String detail) {
        return new OrderTimeline.Entry(at.toInstant(), SERVICE, step, summary, detail);
    }
}
