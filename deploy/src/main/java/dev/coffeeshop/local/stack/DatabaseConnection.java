package dev.coffeeshop.local.stack;

/** Where a service finds its own database: what it gets as DATABASE_URL, DATABASE_USERNAME and DATABASE_PASSWORD. */
public record DatabaseConnection(String url, String username, String password) {

    @Override
    public String toString() {
        // the password stays out of logs and status output
        return url + " as " + username;
    }
}
