package dev.coffeeshop.messaging.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who did what as staff: every request under {@code /staff/} that changes something (a replay, a payment retry, a
 * webhook redelivery), allowed or refused, logged once it was answered, with the token's subject and client and the
 * status, on the logger {@value #LOGGER}. Reads are not logged: the ledgers are read every second by the fault suite.
 * It runs inside the security filter chain, after the token was checked, so the subject is the verified one.
 */
final class StaffAudit extends OncePerRequestFilter {

    /** Where the lines go: one logger, so that an operator can route them to an audit store. */
    static final String LOGGER = "dev.coffeeshop.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/staff/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            String subject = "anonymous";
            String client = "none";
            if (caller instanceof JwtAuthenticationToken token) {
                subject = token.getName();
                Object clientId = token.getTokenAttributes().get("client_id");
                client = clientId == null ? "unknown" : clientId.toString();
            }
            log.info(
                    "staff {} {} by subject {} (client {}): {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    subject,
                    client,
                    response.getStatus());
        }
    }
}
