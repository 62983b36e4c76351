package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.messaging.staff.InvalidLedgerQuery;
import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders placed since an instant, oldest first, each with its status, its payment and the steps of its timeline:
 * what staff (and the fault-injection suite) read to judge what became of the orders of a period. Read-only; it is
 * public only because the staff endpoint lives in {@code ordering.web}.
 */
@Repository
public class OrderHistory {

    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;

    OrderHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An order as it stands, with the names of its timeline's steps in the order they happened ({@code PLACED},
     * {@code CANCEL_REQUESTED}, ..., {@code WRITTEN_OFF}).
     */
    public record PlacedOrder(UUID id, OrderStatus status, String paymentId, Instant placedAt, List<String> timeline) {}

    /**
     * One page of the orders placed at or after {@code query.since()}, by the time they were placed (ties broken by
     * id). Each order's status and timeline are read in one statement, so they agree with each other.
     *
     * @throws InvalidLedgerQuery when the cursor is not one this history handed out
     */
    public LedgerPage<PlacedOrder> placedSince(LedgerQuery query) {
        Cursor after = query.after().map(Cursor::decode).orElse(new Cursor(Instant.EPOCH, new UUID(0, 0)));
        List<PlacedOrder> orders = jdbc.sql("""
                        SELECT o.id, o.status, o.payment_id, o.placed_at,
                               array(SELECT t.status FROM order_timeline t WHERE t.order_id = o.id ORDER BY t.id)
                                   AS timeline
                        FROM orders o
                        WHERE o.placed_at >= :since AND (o.placed_at, o.id) > (:afterPlacedAt, :afterId)
                        ORDER BY o.placed_at, o.id
                        LIMIT :limit""")
                .param("since", Timestamp.from(query.since()))
                .param("afterPlacedAt", Timestamp.from(after.placedAt()))
                .param("afterId", after.id())
                .param("limit", query.limit() + 1)
                .query((rs, n) -> new PlacedOrder(
                        rs.getObject("id", UUID.class),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("payment_id"),
                        rs.getTimestamp("placed_at").toInstant(),
                        Arrays.asList((String[]) rs.getArray("timeline").getArray())))
                .list();
        return LedgerPage.of(orders, query.limit(), order -> new Cursor(order.placedAt(), order.id()).encode());
    }

    /** Where a page ended: the last order's placement time and id, opaque to the client. */
    private record Cursor(Instant placedAt, UUID id) {

        String encode() {
            return CURSOR_ENCODER.encodeToString((placedAt + "/" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
                if (parts.length != 2) {
                    throw InvalidLedgerQuery.cursor();
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | DateTimeException e) {
                throw InvalidLedgerQuery.cursor();
            }
        }
    }
}
