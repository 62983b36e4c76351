package dev.coffeeshop.intake.operator.web;

import dev.coffeeshop.intake.operator.OperatorProperties;
import dev.coffeeshop.messaging.access.TokenRules;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's order page, open to anyone as the board is: the page holds nothing, the data it asks for
 * ({@code /staff/orders/{id}/overview}) needs a staff member's token, which the page gets by signing them in at the
 * identity provider (authorization code with PKCE, in the browser).
 */
@RestController
// the sign-in reads the resource server's token rules, which exist only where the service serves HTTP
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OperatorPageController {

    private static final Resource PAGE = new ClassPathResource("static/operator.html");

    private final SignIn signIn;

    OperatorPageController(OperatorProperties properties, TokenRules tokens) {
        URI server = properties.signIn().authorizationServer() != null
                ? properties.signIn().authorizationServer()
                : tokens.issuer();
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        this.signIn = new SignIn(
                base + "oauth2/authorize",
                base + "oauth2/token",
                properties.signIn().clientId(),
                properties.signIn().scope());
    }

    @GetMapping(value = "/operator", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                // the page runs only its own script and talks only to this service and the identity provider
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                + "style-src 'self' 'unsafe-inline'; connect-src 'self' "
                                + origin(signIn.tokenEndpoint())
                                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
                .header("Referrer-Policy", "no-referrer")
                .body(PAGE);
    }

    /** Where and how the page signs a staff member in; nothing secret: the client is public. */
    @GetMapping("/operator/sign-in")
    SignIn signIn() {
        return signIn;
    }

    /** The identity provider's endpoints, the public client's id and the scope the page asks for. */
    record SignIn(String authorizationEndpoint, String tokenEndpoint, String clientId, String scope) {}

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
