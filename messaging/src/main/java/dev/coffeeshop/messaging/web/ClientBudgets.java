package dev.coffeeshop.messaging.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Resilience4j rate limiter per client and kind of request, kept in a bounded map: at most {@code maxClients}
 * entries, each dropped once its client has been quiet for a whole period. Dropping a quiet client loses nothing, since
 * its budget would have refilled by then; a flood of distinct clients evicts the least used entries instead of growing
 * the heap. A subject with a budget of its own ({@link HttpLimits.RateLimit#subjects()}) gets its limiters from it.
 */
final class ClientBudgets {

    /** What a request costs from: reading is cheap and frequent (following an order), writing is neither. */
    enum Kind {
        READS,
        WRITES
    }

    /** The answer to one request: served, or refused with the time until the client's budget refills. */
    record Decision(boolean permitted, Duration retryAfter) {

        static final Decision PERMITTED = new Decision(true, Duration.ZERO);
    }

    private final RateLimiterConfig reads;
    private final RateLimiterConfig writes;
    private final Map<String, RateLimiterConfig> own = new HashMap<>();
    private final Cache<String, AtomicRateLimiter> limiters;

    ClientBudgets(HttpLimits.RateLimit settings) {
        this.reads = config(settings.reads(), settings.period());
        this.writes = config(settings.writes(), settings.period());
        settings.subjects().forEach((subject, budget) -> {
            String client = RateLimitPerClient.SUBJECT + subject;
            int ownReads = budget.reads() == null ? settings.reads() : budget.reads();
            int ownWrites = budget.writes() == null ? settings.writes() : budget.writes();
            own.put(key(client, Kind.READS), config(ownReads, settings.period()));
            own.put(key(client, Kind.WRITES), config(ownWrites, settings.period()));
        });
        this.limiters = Caffeine.newBuilder()
                .maximumSize(settings.maxClients())
                .expireAfterAccess(settings.period())
                .build();
    }

    private static RateLimiterConfig config(int requests, Duration period) {
        return RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                // never wait for a permit: a client over its budget is told when to come back instead
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    Decision spend(String client, Kind kind) {
        AtomicRateLimiter limiter = limiters.get(
                key(client, kind),
                name -> new AtomicRateLimiter(name, own.getOrDefault(name, kind == Kind.WRITES ? writes : reads)));
        if (limiter.acquirePermission()) {
            return Decision.PERMITTED;
        }
        return new Decision(false, Duration.ofNanos(limiter.getDetailedMetrics().getNanosToWait()));
    }

    private static String key(String client, Kind kind) {
        return kind == Kind.WRITES ? "w " + client : "r " + client;
    }

    /** Clients with a budget in memory now, after pending evictions ran; for tests and a gauge. */
    long clients() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }
}
