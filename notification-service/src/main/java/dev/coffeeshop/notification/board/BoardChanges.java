package dev.coffeeshop.notification.board;

import dev.coffeeshop.notification.board.BoardChange.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the board's change log and its current state. Both are written by the notifications trigger (V3__board.sql),
 * which makes changes visible strictly in the order of their ids, so "the changes after id n" never skips one.
 */
@Repository
class BoardChanges {

    private final JdbcClient jdbc;
    private final TransactionTemplate consistentRead;
    private final Clock clock;

    BoardChanges(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.consistentRead = new TransactionTemplate(transactions);
        consistentRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        consistentRead.setReadOnly(true);
    }

    /** Up to {@code limit} changes after {@code id}, oldest first. */
    List<BoardChange> after(long id, int limit) {
        return jdbc.sql("""
                        SELECT id, order_id, customer_name, status, changed_at FROM board_changes
                        WHERE id > ? ORDER BY id LIMIT ?
                        """).param(id).param(limit).query(BoardChanges::change).list();
    }

    /** The id of the latest change, 0 while there is none. */
    long latest() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM board_changes")
                .query(Long.class)
                .single();
    }

    /**
     * The board as it stands after change {@link Snapshot#lastChangeId()}: both read in one repeatable-read
     * transaction, so the orders are exactly the outcome of the changes up to that id. Orders ready for longer than
     * {@code readyShownFor} have left the board.
     */
    Snapshot snapshot(Duration readyShownFor) {
        Timestamp readySince = Timestamp.from(clock.instant().minus(readyShownFor));
        return consistentRead.execute(status -> new Snapshot(
                latest(),
                jdbc.sql("""
                                SELECT last_change_id AS id, order_id, customer_name, status, changed_at
                                FROM board_orders WHERE status = 'PREPARING' OR changed_at >= ?
                                ORDER BY last_change_id
                                """).param(readySince).query(BoardChanges::change).list()));
    }

    /** The board after change {@code lastChangeId}: each order's latest change, oldest first. */
    record Snapshot(long lastChangeId, List<BoardChange> orders) {}

    private static BoardChange change(ResultSet row, int rowNum) throws SQLException {
        return new BoardChange(
                row.getLong("id"),
                row.getObject("order_id", UUID.class),
                row.getString("customer_name"),
                Status.valueOf(row.getString("status")),
                row.getTimestamp("changed_at").toInstant());
    }
}
