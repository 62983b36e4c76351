package dev.coffeeshop.local.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a service's actuator, on its management port, how it is: its overall status, or UNREACHABLE when it does not
 * answer at all.
 */
public final class Health {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private Health() {}

    /** {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}... or {@code UNREACHABLE} when nothing answers. */
    public static String of(URI managementUrl) {
        return at(managementUrl.resolve("/actuator/health"));
    }

    /** The status a health document at {@code healthUrl} reports, or {@code UNREACHABLE}. */
    static String at(URI healthUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(healthUrl)
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return status(response.body());
        } catch (java.io.IOException e) {
            return "UNREACHABLE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNREACHABLE";
        }
    }

    /**
     * Returns once the process {@code name} reports UP at {@code healthUrl}; throws with the last lines of its log when
     * it exits first or is not UP within {@code timeout}.
     */
    static void await(String name, ChildProcess process, URI healthUrl, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "UNREACHABLE";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartupException(name + " exited (code " + process.exitValue()
                        + ") before it was healthy. Last lines of " + process.log() + ":\n"
                        + ChildProcess.tail(process.log(), 25));
            }
            last = at(healthUrl);
            if ("UP".equals(last)) {
                return;
            }
            try {
                // another process's health is only visible by asking it again; a short pause between asks
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartupException("Interrupted while waiting for " + name, e);
            }
        }
        throw new StackStartupException(name + " was not healthy within " + timeout.toSeconds() + " s (health: " + last
                + " at " + healthUrl + "). Last lines of " + process.log() + ":\n"
                + ChildProcess.tail(process.log(), 25));
    }

    /** The {@code status} of an actuator health document; a 503 still carries one (DOWN, OUT_OF_SERVICE). */
    static String status(String body) {
        try {
            JsonNode status = json.readTree(body).path("status");
            return status.isString() ? status.asString() : "UNKNOWN";
        } catch (RuntimeException notJson) {
            return "UNKNOWN";
        }
    }
}
