package dev.coffeeshop.messaging.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A refused request answered as every other refusal in the shop: an RFC 9457 problem body, here with the
 * {@code WWW-Authenticate} header RFC 6750 asks for (which Spring Security's bearer token handlers write).
 *
 * <ul>
 *   <li>401: no token, or a token that is expired, tampered with, signed by someone else or meant for someone else.
 *       The body says which kind of problem, never the token.
 *   <li>403: a good token without the scope the endpoint needs.
 * </ul>
 */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        challenge.commence(request, response, e);
        boolean presented = request.getHeader("Authorization") != null;
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                presented
                        ? "The access token is not valid: expired, not signed by the shop's identity provider, or not meant for the shop."
                        : "This needs an access token: Authorization: Bearer <token> from the shop's identity provider.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        denial.handle(request, response, e);
        write(request, response, HttpStatus.FORBIDDEN, "The access token does not allow this.");
    }

    private static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":%s,\"status\":%d,\"detail\":%s,\"instance\":%s}"
                        .formatted(
                                Json.string(status.getReasonPhrase()),
                                status.value(),
                                Json.string(detail),
                                Json.string(request.getRequestURI())));
    }
}
