package dev.coffeeshop.messaging.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through to {@code /staff/**} only with {@code Authorization: Bearer <token>}, the token being
 * {@value #TOKEN_PROPERTY} (environment {@code COFFEESHOP_STAFF_TOKEN}).
 *
 * <ul>
 *   <li>A missing or wrong token answers 401 with {@code WWW-Authenticate: Bearer} and a problem body (RFC 9457).
 *   <li>Without a configured token the staff endpoints are disabled: every {@code /staff/**} request answers 404, as
 *       if there were nothing there, so an unconfigured service gives nothing away.
 * </ul>
 *
 * <p>The token is compared in constant time: both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the token leaks through timing.
 *
 * <p>The messaging module's auto-configuration registers this filter for {@value #URL_PATTERN} in every servlet web
 * application, so any endpoint a service maps under {@code /staff/} is guarded without further configuration.
 */
public final class StaffAccess extends OncePerRequestFilter {

    /** The servlet URL pattern the guard is registered for: {@code /staff} and everything under it. */
    public static final String URL_PATTERN = "/staff/*";

    /** Where the token is configured; relaxed binding also reads the environment variable COFFEESHOP_STAFF_TOKEN. */
    public static final String TOKEN_PROPERTY = "coffeeshop.staff.token";

    /** The filter's order: after observation (so refused requests are measured), before everything else. */
    public static final int ORDER = -100;

    private static final Logger log = LoggerFactory.getLogger(StaffAccess.class);

    private static final String BEARER = "Bearer";
    private static final String REALM = "Bearer realm=\"coffeeshop-staff\"";

    /** SHA-256 of the configured token; null when the staff endpoints are disabled. */
    private final byte[] tokenDigest;

    /** A guard for {@code token}; a null or blank token disables the staff endpoints. */
    public StaffAccess(String token) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    /** Whether a token is configured, i.e. the staff endpoints answer at all. */
    public boolean enabled() {
        return tokenDigest != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!enabled()) {
            problem(request, response, HttpStatus.NOT_FOUND, "Nothing here.");
            return;
        }
        String presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
            problem(request, response, HttpStatus.UNAUTHORIZED, "Staff endpoints need an Authorization: Bearer token.");
            return;
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            log.info("Refused {} {}: wrong staff token", request.getMethod(), request.getRequestURI());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
            problem(request, response, HttpStatus.UNAUTHORIZED, "The staff token is not valid.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), or null. */
    static String bearerToken(String authorization) {
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !Character.isWhitespace(authorization.charAt(BEARER.length()))) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void problem(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":%s,\"status\":%d,\"detail\":%s,\"instance\":%s}"
                        .formatted(
                                json(status.getReasonPhrase()),
                                status.value(),
                                json(detail),
                                json(request.getRequestURI())));
    }

    /** {@code text} as a JSON string literal. */
    static String json(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
