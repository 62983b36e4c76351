package dev.coffeeshop.messaging.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A budget of requests per client and period, with reads and writes counted apart; a request over it is answered 429
 * with {@code Retry-After} (whole seconds until the budget refills) and a problem body, and counted in {@code
 * coffeeshop.requests.throttled{budget}}. The client is the authenticated principal when there is one (the subject of
 * a token, once the services validate tokens), else the address the connection comes from: {@code X-Forwarded-For} is
 * believed only where Tomcat was told the service sits behind a trusted proxy ({@code server.forward-headers-strategy},
 * docs/security.md), which then reports the client's address as the remote one. The probes are never limited.
 */
class RateLimitPerClient extends OncePerRequestFilter {

    /** How a client known by its token's subject is named, before the subject. */
    static final String SUBJECT = "subject ";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");

    private final ClientBudgets budgets;
    private final Counter readsThrottled;
    private final Counter writesThrottled;

    RateLimitPerClient(ClientBudgets budgets, MeterRegistry meters) {
        this.budgets = budgets;
        this.readsThrottled = throttled(meters, "reads");
        this.writesThrottled = throttled(meters, "writes");
    }

    private static Counter throttled(MeterRegistry meters, String budget) {
        return Counter.builder("coffeeshop.requests.throttled")
                .description("Requests refused because their client had spent its budget for the period")
                .tag("budget", budget)
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // the actuator on the API's port only when someone put the management server back there
        return PROBES.contains(path) || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean read = READS.contains(request.getMethod());
        var decision = budgets.spend(client(request), read ? ClientBudgets.Kind.READS : ClientBudgets.Kind.WRITES);
        if (decision.permitted()) {
            chain.doFilter(request, response);
            return;
        }
        (read ? readsThrottled : writesThrottled).increment();
        refuse(response, Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000));
    }

    /** The authenticated subject if there is one, else the remote address; the prefixes keep the two apart. */
    static String client(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null
                && principal.getName() != null
                && !principal.getName().isBlank()) {
            return SUBJECT + principal.getName();
        }
        return "address " + request.getRemoteAddr();
    }

    private static void refuse(HttpServletResponse response, long seconds) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\""
                        + "Too many requests from this client; its budget refills in " + seconds + " s.\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
