package dev.coffeeshop.messaging.access;

import org.springframework.security.core.Authentication;

/**
 * The scopes the shop's tokens carry; the identity provider gives them to clients (coffeeshop.identity.clients) and
 * {@link AccessRules} asks for them.
 */
public final class Scopes {

    /** Place an order. */
    public static final String PLACE = "orders:place";

    /** Read one's own orders and their notifications. */
    public static final String READ = "orders:read";

    /** Cancel one's own order. */
    public static final String CANCEL = "orders:cancel";

    /** The staff endpoints ({@code /staff/**}), and every customer's orders. */
    public static final String STAFF = "staff";

    private Scopes() {}

    /** The authority Spring Security makes of a scope in a token. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    /** Whether the caller's token carries {@code scope}. */
    public static boolean granted(Authentication caller, String scope) {
        String authority = authority(scope);
        return caller.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
