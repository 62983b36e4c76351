package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pickup counter's ledger as staff read it: every handover of drinks, in the order they happened. The ledger has
 * no unique constraint on the order, so a drink made twice would show here twice. Read-only.
 */
@Repository
class HandoverLedger {

    private final JdbcClient jdbc;

    HandoverLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Drinks handed over for an order; {@code sequence} is the ledger's own numbering. */
    record Handover(UUID orderId, int drinks, Instant handedOverAt, long sequence) {}

    /** One page of the handovers at or after {@code query.since()}. */
    LedgerPage<Handover> handedOverSince(LedgerQuery query) {
        List<Handover> handovers = jdbc.sql("""
                        SELECT id, order_id, drinks, handed_over_at FROM handovers
                        WHERE handed_over_at >= ? AND id > ?
                        ORDER BY id
                        LIMIT ?""")
                .params(Timestamp.from(query.since()), query.afterSequence().orElse(0), query.limit() + 1)
                .query((rs, n) -> new Handover(
                        rs.getObject("order_id", UUID.class),
                        rs.getInt("drinks"),
                        rs.getTimestamp("handed_over_at").toInstant(),
                        rs.getLong("id")))
                .list();
        return LedgerPage.of(handovers, query.limit(), handover -> Long.toString(handover.sequence()));
    }
}
