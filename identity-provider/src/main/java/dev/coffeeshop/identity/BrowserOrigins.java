package dev.coffeeshop.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Where the pages of the browser clients run, as their redirect URIs say, and so the only origins whose scripts may
 * read the token endpoint's answer (CORS). A page that signs a person in itself, as the operator's order page does,
 * exchanges its code from script on its own origin; every other origin still reaches the endpoint, but its script
 * cannot read what comes back. A loopback redirect ({@code http://127.0.0.1/...}) matches any port, as the
 * authorization server's redirect check does.
 */
final class BrowserOrigins {

    private BrowserOrigins() {}

    static CorsConfigurationSource of(IdentityProperties properties) {
        var token = new CorsConfiguration();
        properties.clients().values().stream()
                .filter(client -> client.grantTypes().contains("authorization_code"))
                .filter(client -> client.secret() == null || client.secret().isBlank())
                .flatMap(client -> client.redirectUris().stream())
                .map(BrowserOrigins::origin)
                .filter(Objects::nonNull)
                .distinct()
                .forEach(token::addAllowedOriginPattern);
        token.setAllowedMethods(List.of("POST"));
        token.setAllowedHeaders(List.of("Content-Type"));
        token.setMaxAge(Duration.ofMinutes(10));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/oauth2/token", token);
        return source;
    }

    /** The origin of a redirect URI as a pattern: any port on a loopback address without one. */
    static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        boolean loopback = uri.getHost().equals("127.0.0.1") || uri.getHost().equals("[::1]");
        String port = uri.getPort() != -1 ? ":" + uri.getPort() : loopback ? ":[*]" : "";
        return uri.getScheme() + "://" + uri.getHost() + port;
    }
}
