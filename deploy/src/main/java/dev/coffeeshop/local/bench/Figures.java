package dev.coffeeshop.local.bench;

import java.util.Map;

/**
 * Every number one bench run measured; {@link Double#NaN} for one it could not measure. Rates are per second,
 * latencies and times in milliseconds, memory in megabytes (MiB).
 *
 * @param httpCeiling closed-loop {@code GET /livez} (the liveness probe) on the intake's own server, requests/s
 * @param databaseCeiling one-row autocommit INSERTs on the stack's PostgreSQL, transactions/s
 * @param kafkaCeiling acks=all 500-byte records on the stack's broker, records/s
 * @param maxSustainable the highest staircase rate whose orders all reached READY in time, orders/s
 * @param halfMaxRate the rate the latency run offered: half of {@code maxSustainable}
 * @param outboxFill outbox rows written per second while the relay was held back
 * @param outboxDrain outbox rows the relay published per second once it was let go
 * @param residentMemory the largest VmRSS seen of each service under load
 */
record Figures(
        double httpCeiling,
        double databaseCeiling,
        double kafkaCeiling,
        double kafkaRoundTripP50,
        double kafkaRoundTripP99,
        double postRate,
        double postP50,
        double postP99,
        double maxSustainable,
        double halfMaxRate,
        double readyP50,
        double readyP99,
        double readyP999,
        double outboxFill,
        double outboxDrain,
        double coldStartPlain,
        double coldStartAot,
        Map<String, Double> residentMemory) {

    Figures {
        residentMemory = Map.copyOf(residentMemory);
    }

    /** What one order costs of each ceiling, added up: 1 / (1/HTTP + 1/DB + 1/Kafka). */
    double combinedCeiling() {
        return 1 / (1 / httpCeiling + 1 / databaseCeiling + 1 / kafkaCeiling);
    }
}
