package dev.coffeeshop.load;

import java.time.Duration;

/**
 * A simulation's knobs, read from system properties ({@code ./coffeeshop load steady -Drate=80}); each simulation
 * states its own defaults.
 */
final class LoadSettings {

    private LoadSettings() {}

    /** Where order-intake listens. */
    static String baseUrl() {
        return System.getProperty("baseUrl", "http://localhost:8080");
    }

    /** How long one order may take from its 202 to a final status before the run counts it as stuck. */
    static Duration followTimeout(int defaultSeconds) {
        return seconds("followTimeout", defaultSeconds);
    }

    /** The pause between two looks at an order that is not final yet. */
    static Duration pollInterval() {
        return Duration.ofMillis(number("pollInterval", 100));
    }

    static double rate(String name, double defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Double.parseDouble(value.strip());
    }

    static int number(String name, int defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    static Duration seconds(String name, int defaultSeconds) {
        return Duration.ofSeconds(number(name, defaultSeconds));
    }
}
