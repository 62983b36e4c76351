package dev.coffeeshop.identity;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What every token says besides the standard claims (RFC 9068): who it is for ({@code aud}, the shop), which client
 * asked ({@code client_id}) and, for a person, the name others may see ({@code name}). The {@code staff} scope goes
 * only to staff: a customer who asks for it gets {@code invalid_scope}, not a token with less in it.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String STAFF_SCOPE = "staff";

    private final String audience;
    private final People people;

    AccessTokenClaims(String audience, People people) {
        this.audience = audience;
        this.people = people;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        Authentication principal = context.getPrincipal();
        boolean person = !(principal instanceof OAuth2ClientAuthenticationToken)
                && !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            if (person && context.getAuthorizedScopes().contains(STAFF_SCOPE) && !people.isStaff(principal.getName())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_SCOPE,
                        "The staff scope is only for people who work in the shop.",
                        null));
            }
            context.getClaims()
                    .audience(List.of(audience))
                    .claim("client_id", context.getRegisteredClient().getClientId());
        }
        if (person
                && (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                        || OidcParameterNames.ID_TOKEN.equals(
                                context.getTokenType().getValue()))) {
            context.getClaims().claim("name", people.displayName(principal.getName()));
        }
    }
}
