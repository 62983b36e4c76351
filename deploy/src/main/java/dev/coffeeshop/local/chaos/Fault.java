package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.KafkaCluster;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a scenario works with while it injects its fault: the processes (cluster, stack), the history to note what it
 * did, and the scenario-specific checks it wants judged along with the invariants.
 */
final class Fault {

    final KafkaCluster cluster;
    final LocalStack stack;
    final KafkaProbe kafka;
    final History history;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AccessTokens staff;
    final List<Check> checks = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<RecordMetadata> poison = new ArrayList<>();
    volatile Instant injectedAt;
    volatile Instant healedAt;

    /** A scenario-specific expectation and whether it held. */
    record Check(String description, boolean passed) {}

    Fault(KafkaCluster cluster, LocalStack stack, KafkaProbe kafka, History history, PrintStream out) {
        this.cluster = cluster;
        this.stack = stack;
        this.kafka = kafka;
        this.history = history;
        this.out = out;
        this.staff = stack.operatorTokens(http);
    }

    void injected(String what) {
        injectedAt = Instant.now();
        say("fault: " + what);
        history.record("fault", Map.of("what", what));
    }

    void healed(String what) {
        healedAt = Instant.now();
        say("healed: " + what);
        history.record("healed", Map.of("what", what));
    }

    void check(String description, boolean passed) {
        checks.add(new Check(description, passed));
    }

    void note(String note) {
        notes.add(note);
    }

    void say(String line) {
        out.printf("    %6.1f s  %s%n", (System.nanoTime() - ChaosSuite.START) / 1e9, line);
    }

    /** Lets the fault last: the point of the scenario is what the system does meanwhile. */
    static void hold(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Samples {@code condition} every 250 ms while {@code duration} lasts, in the background; the returned flag says
     * whether it was ever true.
     */
    AtomicBoolean watch(Duration duration, BooleanSupplier condition) {
        var seen = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end && !seen.get()) {
                try {
                    seen.set(condition.getAsBoolean());
                } catch (RuntimeException notNow) {
                    // unreachable for a moment: keep sampling
                }
                hold(Duration.ofMillis(250));
            }
        });
        return seen;
    }

    /**
     * Crashes a service where no outside signal can aim: {@code kill -9} it, start it again with {@code faultPoint}
     * set so that it halts itself at {@code where}, wait for that, then start it normally. The fault heals once the
     * service is healthy again: its start-up time is the JVM's, not the system's convergence.
     */
    void crashAtFaultPoint(Service service, String faultPoint, String where) {
        crashAtFaultPoint(service, faultPoint, where, () -> {});
    }

    /**
     * As {@link #crashAtFaultPoint(Service, String, String)}, running {@code whileHalted} once the service has halted
     * itself and before it is started again: the moment to look at what the crash left behind.
     */
    void crashAtFaultPoint(Service service, String faultPoint, String where, Runnable whileHalted) {
        String name = service.moduleName();
        stack.kill(service);
        injected("kill -9 " + name + "; restarted to halt " + where);
        stack.restart(service, Map.of(faultPoint, "true"));
        boolean halted = awaitDeath(service, Duration.ofSeconds(90));
        check(name + " halted " + where, halted);
        say(name + " halted: " + halted);
        if (halted) {
            whileHalted.run();
        } else {
            stack.kill(service);
        }
        stack.restart(service, Map.of());
        stack.awaitHealthy(service, Duration.ofSeconds(120));
        healed(name + " restarted and healthy");
    }

    /** Waits until a service process has died by itself (a fault point halted it), up to {@code timeout}. */
    private boolean awaitDeath(Service service, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!stack.isRunning(service)) {
                return true;
            }
            hold(Duration.ofMillis(100));
        }
        return false;
    }

    /**
     * A counter's current value from the service's {@code /actuator/metrics} (management port); 0 when it has not
     * counted yet.
     */
    double metric(Service service, String name) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(stack.managementUrl(service).resolve("/actuator/metrics/" + name))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", staff.header())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0;
            }
            return json.readTree(response.body())
                    .path("measurements")
                    .path(0)
                    .path("value")
                    .asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " from " + service.moduleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The body of a service's readiness group with its details (management port), whatever its status. */
    String readiness(Service service) {
        try {
            return http.send(
                            HttpRequest.newBuilder(stack.managementUrl(service).resolve("/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
