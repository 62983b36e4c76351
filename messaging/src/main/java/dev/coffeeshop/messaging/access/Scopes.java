package dev.coffeeshop.messaging.access;

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
}
