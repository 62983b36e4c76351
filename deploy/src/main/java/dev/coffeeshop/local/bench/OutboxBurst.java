package dev.coffeeshop.local.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How fast the intake's relay empties its outbox against how fast orders fill it. The bench holds the relay's advisory
 * lock (the one every relay instance takes before a round, so only one publishes at a time) while orders pour in as
 * fast as the cashier takes them: the outbox only fills. Then it lets go and times the relay emptying it, with no new
 * orders competing. Rows are counted in the intake's database as its superuser: the same count the relay's
 * {@code coffeeshop.outbox.backlog} gauge reports, read often enough to time a drain of well under a second.
 */
final class OutboxBurst {

    /** {@code OutboxRelay.RELAY_LOCK} in the outbox module. */
    static final long RELAY_LOCK = 0x0C0FFEE_0B0CL;

    /** Rows written and published per second, and how many rows the burst left. */
    record Result(long rows, double fillPerSecond, double drainPerSecond, Duration drainTime) {}

    private OutboxBurst() {}

    static Result measure(int postgresPort, String database, HttpClient http, Intake intake, Duration burst)
            throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            long before = backlog(connection);
            try (var lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                lock.execute();
            }
            long fillStart = System.nanoTime();
            ClosedLoop.run(http, 32, Duration.ZERO, burst, intake::placeOrder, 202);
            long written = backlog(connection) - before;
            double fill = written / ((System.nanoTime() - fillStart) / 1e9);
            try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, RELAY_LOCK);
                unlock.execute();
            }
            long released = System.nanoTime();
            long firstDrop = -1;
            long atFirstDrop = 0;
            long deadline = released + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                long left = backlog(connection) - before;
                long now = System.nanoTime();
                if (firstDrop < 0 && left < written) {
                    firstDrop = now;
                    atFirstDrop = left;
                }
                if (left <= 0) {
                    // from the first batch seen gone to the last: rows published over the time it took; a drain
                    // done in one batch is timed from the release instead, which makes it a lower bound
                    double drain = atFirstDrop > 0 && now > firstDrop
                            ? atFirstDrop / ((now - firstDrop) / 1e9)
                            : written / ((now - released) / 1e9);
                    return new Result(written, fill, drain, Duration.ofNanos(now - released));
                }
                pause();
            }
            return new Result(written, fill, Double.NaN, Duration.ofNanos(System.nanoTime() - released));
        }
    }

    private static long backlog(Connection connection) throws SQLException {
        try (var count = connection.createStatement();
                var rows = count.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void pause() {
        try {
            // the relay drains in another process: the table is counted again every 10 ms to time it
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
