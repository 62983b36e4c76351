package dev.coffeeshop.local.stack;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's identity provider: its port, and the secrets of the clients and people it knows, made afresh for
 * every stack so that no password of a local stack is ever written in the repository. The tools' clients:
 * {@value #TOOLS} places, reads and cancels orders (the demo, the load tests, the fault suite and the benchmark),
 * {@value #OPERATOR} reads the staff endpoints. The people sign in through a browser: two customers and one
 * member of staff.
 *
 * @param port where the provider listens; its issuer is {@code http://localhost:<port>}
 * @param secrets each client's secret by client id
 * @param people each person's password by user name
 */
public record Identity(int port, Map<String, String> secrets, Map<String, String> people) {

    public static final int DEFAULT_PORT = 9000;
    public static final String TOOLS = "tools";
    public static final String OPERATOR = "operator";

    /** The people of a local stack: user name, the name shown on the pickup board, and whether they are staff. */
    public static final List<Person> PEOPLE = List.of(
            new Person("alice", "Alice", false), new Person("bob", "Bob", false), new Person("sam", "Sam", true));

    public Identity {
        secrets = Map.copyOf(secrets);
        people = Map.copyOf(people);
    }

    /** New secrets for every client and person, on {@code port}. */
    public static Identity generated(int port) {
        var secrets = new LinkedHashMap<String, String>();
        secrets.put(TOOLS, random());
        secrets.put(OPERATOR, random());
        var people = new LinkedHashMap<String, String>();
        PEOPLE.forEach(person -> people.put(person.userName(), random()));
        return new Identity(port, secrets, people);
    }

    /**
     * The identity provider a user's environment names, for a system this launcher did not start (compose, say): the
     * issuer {@code COFFEESHOP_IDENTITY_ISSUER} (on localhost, {@code http://localhost:9000} by default) and the
     * tools' and operators' secrets, {@code COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET} and
     * {@code COFFEESHOP_IDENTITY_CLIENTS_OPERATOR_SECRET}, the same variables the provider reads. Empty when a secret
     * is missing.
     */
    public static java.util.Optional<Identity> fromEnvironment(Map<String, String> environment) {
        String tools = environment.get("COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET");
        String operator = environment.get("COFFEESHOP_IDENTITY_CLIENTS_OPERATOR_SECRET");
        if (tools == null || tools.isBlank() || operator == null || operator.isBlank()) {
            return java.util.Optional.empty();
        }
        URI issuer =
                URI.create(environment.getOrDefault("COFFEESHOP_IDENTITY_ISSUER", "http://localhost:" + DEFAULT_PORT));
        if (!"localhost".equals(issuer.getHost()) || issuer.getPort() < 0) {
            throw new IllegalArgumentException(
                    "COFFEESHOP_IDENTITY_ISSUER must be http://localhost:<port>, not " + issuer);
        }
        return java.util.Optional.of(
                new Identity(issuer.getPort(), Map.of(TOOLS, tools.strip(), OPERATOR, operator.strip()), Map.of()));
    }

    public Identity onPort(int other) {
        return new Identity(other, secrets, people);
    }

    /** What the services trust and where every client asks for tokens. */
    public URI issuer() {
        return URI.create("http://localhost:" + port);
    }

    /** The provider's environment: its port and issuer, its clients' secrets and its people. */
    Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("COFFEESHOP_IDENTITY_ISSUER", issuer().toString());
        secrets.forEach((client, secret) ->
                environment.put("COFFEESHOP_IDENTITY_CLIENTS_" + client.toUpperCase() + "_SECRET", secret));
        for (Person person : PEOPLE) {
            String prefix = "COFFEESHOP_IDENTITY_USERS_" + person.userName().toUpperCase() + "_";
            environment.put(prefix + "PASSWORD", people.get(person.userName()));
            environment.put(prefix + "DISPLAY_NAME", person.displayName());
            environment.put(prefix + "STAFF", Boolean.toString(person.staff()));
        }
        return environment;
    }

    /** {@code secrets} and {@code people} never appear when a setting is printed. */
    @Override
    public String toString() {
        return "Identity[port=" + port + ", clients=" + secrets.keySet() + ", people=" + people.keySet() + "]";
    }

    private static String random() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Someone who can sign in. */
    public record Person(String userName, String displayName, boolean staff) {}
}
