package dev.coffeeshop.local.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL from embedded binaries, its data kept between runs, with one database per service owned by a user of
 * the same name who may enter no other database.
 */
final class PostgresServer implements AutoCloseable {

    /**
     * The launcher provisions as the superuser, which trusts loopback connections as embedded PostgreSQL sets it up;
     * every other user must give its password, so a service cannot pose as another.
     */
    static final String CLIENT_AUTHENTICATION = """
            # written by the coffeeshop launcher on every start; edits are overwritten
            local all postgres                trust
            host  all postgres 127.0.0.1/32   trust
            host  all postgres ::1/128        trust
            local all all                     scram-sha-256
            host  all all      127.0.0.1/32   scram-sha-256
            host  all all      ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, int port, Path dataDirectory) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    static PostgresServer start(StackSettings settings) {
        Path data = settings.dataDirectory().resolve("postgres");
        Path log = settings.log("postgres");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            stopOrphan(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(settings.postgresPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            var server = new PostgresServer(postgres, settings.postgresPort(), data);
            server.requirePasswords();
            return server;
        } catch (IOException | RuntimeException e) {
            throw new StackStartupException(
                    "PostgreSQL did not start: " + e.getMessage() + "\n" + ChildProcess.tail(log, 15) + "\nFull log: "
                            + log,
                    e);
        }
    }

    /**
     * Creates (or brings up to date) each service's user and database: the user owns its database, and nobody else
     * (PUBLIC) may connect to it. Safe to run on every start.
     */
    Map<Service, DatabaseConnection> provision() {
        var databases = new EnumMap<Service, DatabaseConnection>(Service.class);
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            for (Service service : Service.values()) {
                String name = service.database();
                if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    statement.execute("ALTER ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                            + name + "'");
                } else {
                    statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                }
                if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                }
                statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
                databases.put(
                        service,
                        new DatabaseConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name, name, name));
            }
        } catch (SQLException e) {
            throw new StackStartupException("Cannot create the services' databases: " + e.getMessage(), e);
        }
        return databases;
    }

    /** A superuser connection, for provisioning and for tests that look behind the services' backs. */
    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    int port() {
        return port;
    }

    Optional<Long> pid() {
        return postmasterPid(dataDirectory);
    }

    private void requirePasswords() throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), CLIENT_AUTHENTICATION, StandardCharsets.UTF_8);
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new StackStartupException("Cannot reload PostgreSQL's client authentication: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    static Optional<Long> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A launcher that was killed outright leaves its PostgreSQL running and holding the data folder; the caller has
     * already made sure no launcher is running, so that server is an orphan: stop it the way pg_ctl's fast mode does.
     */
    private static void stopOrphan(Path data) {
        Optional<ProcessHandle> orphan = postmasterPid(data).flatMap(ProcessHandle::of);
        if (orphan.isEmpty() || !orphan.get().isAlive()) {
            return;
        }
        System.out.println("Stopping PostgreSQL left over from an earlier run (pid "
                + orphan.get().pid() + ")");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            orphan.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StackStartupException(
                    "PostgreSQL from an earlier run (pid " + orphan.get().pid() + ") holds " + data
                            + " and did not stop; stop it and try again",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }
}
