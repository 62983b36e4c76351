package dev.coffeeshop.identity;

import java.util.ArrayList;
import java.util.Map;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people of {@code coffeeshop.identity.users}: customers, and staff (role {@code STAFF}). Their display names
 * go into their tokens as {@code name}, so the services never need to ask who someone is.
 */
final class People {

    static final String STAFF = "STAFF";
    static final String CUSTOMER = "CUSTOMER";

    private final Map<String, IdentityProperties.User> users;

    People(IdentityProperties properties) {
        this.users = Map.copyOf(properties.users());
        users.forEach((name, user) -> {
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("coffeeshop.identity.users." + name
                        + ".password is required (environment " + "COFFEESHOP_IDENTITY_USERS_"
                        + name.toUpperCase().replace('-', '_') + "_PASSWORD)");
            }
        });
    }

    InMemoryUserDetailsManager signIns(PasswordEncoder encoder) {
        var details = new ArrayList<UserDetails>();
        users.forEach((name, user) -> details.add(User.withUsername(name)
                .password(RegisteredClients.encoded(user.password(), encoder))
                .roles(user.staff() ? STAFF : CUSTOMER)
                .build()));
        return new InMemoryUserDetailsManager(details);
    }

    /** What the shop calls {@code userName} where others can see it. */
    String displayName(String userName) {
        var user = users.get(userName);
        if (user == null || user.displayName() == null || user.displayName().isBlank()) {
            return userName;
        }
        return user.displayName().strip();
    }

    boolean isStaff(String userName) {
        var user = users.get(userName);
        return user != null && user.staff();
    }
}
