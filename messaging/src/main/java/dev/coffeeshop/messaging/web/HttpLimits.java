package dev.coffeeshop.messaging.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one HTTP request may weigh. The services' requests are small (an order is at most 20 items of a few short
 * strings, well under 10 kB), so the defaults leave a wide margin and still keep a hostile body off the heap.
 *
 * @param maxBodySize the largest request body; a longer one is answered 413 before it is read
 * @param json what a JSON body may contain, checked while it is parsed
 * @param rateLimit how many requests one client may make
 */
@ConfigurationProperties("coffeeshop.http")
public record HttpLimits(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue Json json,
        @DefaultValue RateLimit rateLimit) {

    public HttpLimits {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("coffeeshop.http.max-body-size must be positive");
        }
    }

    /**
     * Jackson's stream read constraints for request bodies; a document that breaks one is answered 400. Duplicate
     * keys are always refused: which of two values a client meant is not ours to guess.
     *
     * @param maxNestingDepth objects and arrays open at once
     * @param maxStringLength characters in one string value
     * @param maxNumberLength digits in one number
     * @param maxDocumentLength the whole document
     */
    public record Json(
            @DefaultValue("32") int maxNestingDepth,
            @DefaultValue("65536") int maxStringLength,
            @DefaultValue("100") int maxNumberLength,
            @DefaultValue("64KB") DataSize maxDocumentLength) {

        public Json {
            if (maxNestingDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0) {
                throw new IllegalArgumentException("coffeeshop.http.json limits must be positive");
            }
        }
    }

    /**
     * A budget per client and period, reads and writes apart (docs/security.md, "Rate limits"). The defaults suit
     * people: a customer places an order or two and follows each by polling; a script sending hundreds of orders is
     * refused after the first 30 in ten seconds. A token subject may have budgets of its own: the local stack gives
     * the project's load drivers' client ({@code tools}) a large one and leaves everyone else at the defaults.
     *
     * @param enabled off only where something in front of the service limits clients already
     * @param period how often a client's budget refills (whole, not bit by bit)
     * @param reads GET, HEAD and OPTIONS requests per client and period
     * @param writes every other request per client and period
     * @param maxClients clients whose budgets are kept at once; beyond it the least used are forgotten
     * @param subjects budgets of their own, by the subject of a token (for a client-credentials token, the client's
     *     id): {@code coffeeshop.http.rate-limit.subjects.tools.writes=100000}
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration period,
            @DefaultValue("300") int reads,
            @DefaultValue("30") int writes,
            @DefaultValue("10000") int maxClients,
            Map<String, Budget> subjects) {

        public RateLimit {
            if (period.isNegative() || period.isZero() || reads <= 0 || writes <= 0 || maxClients <= 0) {
                throw new IllegalArgumentException("coffeeshop.http.rate-limit settings must be positive");
            }
            subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
        }
    }

    /**
     * One subject's own budget per period; what it leaves out is the default's.
     *
     * @param reads GET, HEAD and OPTIONS requests per period, the default's when absent
     * @param writes every other request per period, the default's when absent
     */
    public record Budget(Integer reads, Integer writes) {

        public Budget {
            if ((reads != null && reads <= 0) || (writes != null && writes <= 0)) {
                throw new IllegalArgumentException("coffeeshop.http.rate-limit.subjects budgets must be positive");
            }
        }
    }
}
