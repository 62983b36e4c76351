package dev.coffeeshop.local.stack;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The three services, with the conventions every one of them follows (API port, management port, database, jar
 * location).
 */
public enum Service {
    ORDER_INTAKE("order-intake", 8080, 9080, "intake"),
    BARISTA_WORKER("barista-worker", 8081, 9081, "barista"),
    NOTIFICATION_SERVICE("notification-service", 8082, 9082, "notification");

    private static final String VERSION = "0.1.0-SNAPSHOT";

    private final String moduleName;
    private final int defaultPort;
    private final int defaultManagementPort;
    private final String database;

    Service(String moduleName, int defaultPort, int defaultManagementPort, String database) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
        this.database = database;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Where its actuator listens (metrics, health, environment): apart from the API, see its application.yml. */
    public int defaultManagementPort() {
        return defaultManagementPort;
    }

    /** Name of its own database, which is also the name and password of the only user allowed in it. */
    public String database() {
        return database;
    }

    /** Prefix of the launcher's per-service overrides, e.g. {@code ORDER_INTAKE} in {@code ORDER_INTAKE_DATABASE_URL}. */
    public String environmentPrefix() {
        return name();
    }

    public Path jar(Path projectRoot) {
        return projectRoot.resolve(moduleName).resolve("target").resolve(moduleName + "-" + VERSION + ".jar");
    }

    public static Service ofModule(String moduleName) {
        for (Service service : values()) {
            if (service.moduleName.equals(moduleName.toLowerCase(Locale.ROOT))) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service named " + moduleName + "; the services are order-intake, "
                + "barista-worker and notification-service");
    }
}
