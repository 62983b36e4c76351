package dev.coffeeshop.messaging.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;

/**
 * One Resilience4j rate limiter per client and kind of request, kept in a bounded map: at most {@code maxClients}
 * entries, each dropped once its client has been quiet for a whole period. Dropping a quiet client loses nothing, since
 * its budget would have refilled by then; a flood of distinct clients evicts the least used entries instead of growing
 * the heap.
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
    private final Cache<String, AtomicRateLimiter> limiters;

    ClientBudgets(HttpLimits.RateLimit settings) {
        this.reads = config(settings.reads(), settings.period());
        this.writes = config(settings.writes(), settings.period());
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
        String key = kind == Kind.WRITES ? "w " + client : "r " + client;
        AtomicRateLimiter limiter =
                limiters.get(key, name -> new AtomicRateLimiter(name, kind == Kind.WRITES ? writes : reads));
        if (limiter.acquirePermission()) {
            return Decision.PERMITTED;
        }
        return new Decision(false, Duration.ofNanos(limiter.getDetailedMetrics().getNanosToWait()));
    }

    /** Clients with a budget in memory now, after pending evictions ran; for tests and a gauge. */
    long clients() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }
}
