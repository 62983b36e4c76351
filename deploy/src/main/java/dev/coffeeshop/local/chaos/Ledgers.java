package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.stack.DatabaseConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the services did, read straight from their databases after a scenario: the cashier's orders and their
 * timelines, and the append-only ledgers of side effects, none of which has a unique constraint that could hide a
 * duplicate: drinks handed over (barista {@code handovers}), payments captured and money given back (the payment
 * provider's {@code sandbox_payments}: {@code CAPTURE}, and {@code VOID} or {@code REFUND}, each naming the payment in
 * {@code reference}), notifications delivered (notification {@code deliveries}).
 */
final class Ledgers {

    private final DatabaseConnection intake;
    private final DatabaseConnection barista;
    private final DatabaseConnection notification;

    Ledgers(DatabaseConnection intake, DatabaseConnection barista, DatabaseConnection notification) {
        this.intake = intake;
        this.barista = barista;
        this.notification = notification;
    }

    /** Everything known about the orders placed since {@code since}, and effects since then for any order. */
    record Snapshot(
            Map<UUID, OrderRecord> orders,
            Map<UUID, Integer> handovers,
            Map<UUID, Integer> captures,
            Map<UUID, Integer> moneyBack,
            Map<UUID, Map<String, Integer>> deliveries,
            List<String> phantoms) {

        int handovers(UUID order) {
            return handovers.getOrDefault(order, 0);
        }

        /** Captures of the order's payment: the customer was charged. */
        int captures(UUID order) {
            return captures.getOrDefault(order, 0);
        }

        /** Voids and refunds of the order's payment: each one gives the money back. */
        int moneyBack(UUID order) {
            return moneyBack.getOrDefault(order, 0);
        }

        int deliveries(UUID order, String kind) {
            return deliveries.getOrDefault(order, Map.of()).getOrDefault(kind, 0);
        }
    }

    /** An order as the cashier has it: its status and the statuses it went through, in order. */
    record OrderRecord(UUID id, String status, String paymentId, List<String> timeline) {}

    Snapshot read(Instant since) {
        try (Connection in = connect(intake);
                Connection ba = connect(barista);
                Connection no = connect(notification)) {
            var orders = new HashMap<UUID, OrderRecord>();
            var paymentToOrder = new HashMap<String, UUID>();
            try (PreparedStatement q =
                    in.prepareStatement("SELECT id, status, payment_id FROM orders WHERE placed_at >= ?")) {
                q.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        orders.put(id, new OrderRecord(id, rs.getString(2), rs.getString(3), new ArrayList<>()));
                        paymentToOrder.put(rs.getString(3), id);
                    }
                }
            }
            try (PreparedStatement q = in.prepareStatement("""
                    SELECT t.order_id, t.status FROM order_timeline t JOIN orders o ON o.id = t.order_id
                    WHERE o.placed_at >= ? ORDER BY t.id""")) {
                q.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        orders.get(rs.getObject(1, UUID.class)).timeline().add(rs.getString(2));
                    }
                }
            }
            var phantoms = new ArrayList<String>();
            var captures = new HashMap<UUID, Integer>();
            var moneyBack = new HashMap<UUID, Integer>();
            Set<String> knownPayments = allPaymentIds(in);
            try (PreparedStatement q = in.prepareStatement("""
                    SELECT operation, reference, result_id FROM sandbox_payments
                    WHERE operation IN ('CAPTURE', 'VOID', 'REFUND') AND created_at >= ?""")) {
                q.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String operation = rs.getString(1);
                        String payment = rs.getString(2);
                        UUID order = paymentToOrder.get(payment);
                        if (!knownPayments.contains(payment)) {
                            phantoms.add(operation.toLowerCase(Locale.ROOT) + " " + rs.getString(3)
                                    + " of unknown payment " + payment);
                        } else if (order != null) {
                            // an order placed before this scenario may settle during it: not this scenario's concern
                            (operation.equals("CAPTURE") ? captures : moneyBack).merge(order, 1, Integer::sum);
                        }
                    }
                }
            }
            Set<UUID> known = allOrderIds(in);
            var handovers = new HashMap<UUID, Integer>();
            try (PreparedStatement q =
                    ba.prepareStatement("SELECT order_id FROM handovers WHERE handed_over_at >= ?")) {
                q.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID order = rs.getObject(1, UUID.class);
                        if (!known.contains(order)) {
                            phantoms.add("drink handed over for unknown order " + order);
                        }
                        handovers.merge(order, 1, Integer::sum);
                    }
                }
            }
            var deliveries = new HashMap<UUID, Map<String, Integer>>();
            try (PreparedStatement q =
                    no.prepareStatement("SELECT order_id, kind FROM deliveries WHERE delivered_at >= ?")) {
                q.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID order = rs.getObject(1, UUID.class);
                        if (!known.contains(order)) {
                            phantoms.add(rs.getString(2) + " notification for unknown order " + order);
                        }
                        deliveries.computeIfAbsent(order, o -> new HashMap<>()).merge(rs.getString(2), 1, Integer::sum);
                    }
                }
            }
            return new Snapshot(orders, handovers, captures, moneyBack, deliveries, phantoms);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledgers: " + e.getMessage(), e);
        }
    }

    private static Set<UUID> allOrderIds(Connection intake) throws SQLException {
        var ids = new HashSet<UUID>();
        try (PreparedStatement q = intake.prepareStatement("SELECT id FROM orders");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static Set<String> allPaymentIds(Connection intake) throws SQLException {
        var ids = new HashSet<String>();
        try (PreparedStatement q = intake.prepareStatement("SELECT payment_id FROM orders");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static Connection connect(DatabaseConnection database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }
}
