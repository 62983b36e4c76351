package dev.coffeeshop.messaging.access;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What makes an access token good, {@code coffeeshop.security.*}; the same in every service.
 *
 * @param issuer the identity provider's URL: a token's {@code iss} must be exactly this
 * @param jwkSetUri where its keys are published; {@code <issuer>/oauth2/jwks} when not given (set it when the
 *     services reach the provider at another address than the one in its tokens, as inside a cluster)
 * @param audience what a token's {@code aud} must contain: a token minted for something else is refused
 * @param clockSkew how far the clocks of the provider and the service may disagree on {@code exp} and {@code nbf}
 * @param algorithms the signature algorithms accepted; never {@code none}, never a symmetric one, so a public key
 *     can never be used as an HMAC secret
 */
@ConfigurationProperties("coffeeshop.security")
public record TokenRules(
        @Nullable URI issuer,
        @Nullable URI jwkSetUri,
        @DefaultValue("coffeeshop") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue({"RS256", "ES256"}) Set<String> algorithms) {

    private static final Set<String> ASYMMETRIC =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    public TokenRules {
        if (issuer == null) {
            throw new IllegalStateException(
                    "coffeeshop.security.issuer is required (environment "
                            + "COFFEESHOP_SECURITY_ISSUER): the URL of the identity provider whose tokens this service accepts");
        }
        if (algorithms.isEmpty() || !ASYMMETRIC.containsAll(algorithms)) {
            throw new IllegalStateException("coffeeshop.security.algorithms must name asymmetric algorithms "
                    + ASYMMETRIC + ", not " + algorithms);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalStateException("coffeeshop.security.clock-skew must be between 0 and 5 minutes");
        }
    }

    /** Where the provider's keys are read from. */
    public URI keys() {
        if (jwkSetUri != null) {
            return jwkSetUri;
        }
        String base = issuer.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "oauth2/jwks");
    }
}
