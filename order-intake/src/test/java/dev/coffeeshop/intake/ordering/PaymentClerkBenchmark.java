package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coffeeshop.intake.IntakeProperties;
import dev.coffeeshop.intake.payment.PaymentGateway;
import dev.coffeeshop.intake.payment.PaymentProviderProperties;
import dev.coffeeshop.intake.payment.SandboxPaymentGateway;
import dev.coffeeshop.messaging.tracing.Traceparents;
import dev.coffeeshop.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the payment clerk captures the payments of orders handed over, with a provider that takes a few
 * milliseconds per call as a real one does over the network, compared with settling the same actions one at a time
 * (one claim, one call and one transaction per action: the baseline). Every order handed over costs one capture, so
 * this rate bounds the shop's end-to-end throughput.
 *
 * <p>It prints the figures and asserts only that every capture was made once: absolute rates depend on the machine.
 * Not part of the build (the name does not end in {@code Tests}); run it with
 *
 * <pre>
 * ./mvnw -B -ntp -pl order-intake -am test -Dtest=PaymentClerkBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * grep -h 'payment clerk benchmark' order-intake/target/surefire-reports/*PaymentClerkBenchmark-output.txt
 * </pre>
 *
 * <p>{@code -Dbenchmark.captures=3000} and {@code -Dbenchmark.latency=5} (ms) change the batched run's size and the
 * provider's latency; the baseline settles a tenth as many.
 */
class PaymentClerkBenchmark {

    private static final int CAPTURES = Integer.getInteger("benchmark.captures", 3_000);
    private static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("benchmark.latency", 5));

    static HikariDataSource dataSource;
    static JdbcClient jdbc;
    static TransactionTemplate transactions;

    @BeforeAll
    static void database() {
        var database = TestInfrastructure.newDatabase("clerk-benchmark");
        var config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.username());
        config.setPassword(database.password());
        // as the service runs
        config.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/outbox")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void capturesInConcurrentBatchesFasterThanOneAtATime() {
        // warm-up: connections, JIT
        settle(ordersReadyForCapture(500), 100, sandbox(LATENCY));

        double oneAtATime = settle(ordersReadyForCapture(CAPTURES / 10), 1, sandbox(LATENCY));
        double batched = settle(ordersReadyForCapture(CAPTURES), 100, sandbox(LATENCY));
        double remoteOneAtATime = settle(ordersReadyForCapture(CAPTURES / 10), 1, new RemoteProvider());
        double remoteBatched = settle(ordersReadyForCapture(CAPTURES), 100, new RemoteProvider());

        System.out.println(String.format(
                Locale.ROOT,
                "payment clerk benchmark: sandbox provider: batched %.0f captures/s vs one at a time %.0f captures/s ="
                        + " %.1fx; remote provider: batched %.0f captures/s vs one at a time %.0f captures/s = %.1fx"
                        + " (provider latency %d ms, batch 100, %d captures)",
                batched,
                oneAtATime,
                batched / oneAtATime,
                remoteBatched,
                remoteOneAtATime,
                remoteBatched / remoteOneAtATime,
                LATENCY.toMillis(),
                CAPTURES));
    }

    /**
     * A provider elsewhere on the network, as the HTTP gateway talks to: each call takes the latency and touches none of
     * the shop's database, so what is measured is the clerk's own cost. The in-process sandbox, by contrast, keeps its
     * ledger in the shop's PostgreSQL and competes with the clerk for it.
     */
    private static final class RemoteProvider implements PaymentGateway {

        @Override
        public Authorization authorize(String paymentToken, long amountCents, String currency, String key) {
            throw new UnsupportedOperationException("only captures are measured");
        }

        @Override
        public Capture capture(String paymentId, long amountCents, String idempotencyKey) {
            pause();
            return new Capture("ch_" + idempotencyKey);
        }

        @Override
        public Release voidAuthorization(String paymentId, String idempotencyKey) {
            throw new UnsupportedOperationException("only captures are measured");
        }

        @Override
        public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
            throw new UnsupportedOperationException("only captures are measured");
        }

        private static void pause() {
            try {
                Thread.sleep(LATENCY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Settles every action with a clerk taking {@code batchSize} per round; returns captures per second. */
    private double settle(List<UUID> orders, int batchSize, PaymentGateway provider) {
        var settings = new IntakeProperties.Payment(
                IntakeProperties.Capture.ON_READY,
                Duration.ofMillis(200),
                batchSize,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                10,
                Duration.ofMinutes(1));
        var properties = new IntakeProperties(
                Duration.ofHours(24),
                Duration.ofMinutes(1),
                1000,
                Duration.ofMinutes(15),
                Duration.ofSeconds(1),
                settings);
        var actions = new PaymentActions(jdbc);
        var book = new Orders(
                jdbc, tools.jackson.databind.json.JsonMapper.builder().build());
        var meters = new SimpleMeterRegistry();
        // captures announce nothing: the bookkeeper needs no outbox here
        var bookkeeper = new Bookkeeper(book, actions, null, Clock.systemUTC(), meters, Traceparents.none());
        var clerk = new PaymentClerk(
                actions,
                book,
                bookkeeper,
                provider,
                transactions,
                Clock.systemUTC(),
                meters,
                properties,
                Traceparents.none());
        try {
            long start = System.nanoTime();
            int attempted = clerk.settleDue();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(attempted).isEqualTo(orders.size());
            assertThat(captured(orders)).isEqualTo(orders.size());
            return orders.size() / seconds;
        } finally {
            clerk.destroy();
        }
    }

    /** Orders handed over, each with an authorization at the provider and its capture due. */
    private static List<UUID> ordersReadyForCapture(int count) {
        var setup = sandbox(Duration.ZERO);
        var actions = new PaymentActions(jdbc);
        var orders = new ArrayList<UUID>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            String payment = setup.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", "authorize-" + id)
                    .paymentId();
            jdbc.sql("""
                            INSERT INTO orders (id, customer_name, status, items, total_cents, currency, payment_id,
                                                placed_at, updated_at, deadline_at)
                            VALUES (?, 'bench', 'READY', '[]'::jsonb, 450, 'EUR', ?, ?, ?, ?)""")
                    .params(id, payment, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.plusSeconds(900)))
                    .update();
            actions.schedule(List.of(new PaymentActions.Due(id, PaymentAction.CAPTURE, payment, 450, null)), now);
            orders.add(id);
        }
        return orders;
    }

    private static SandboxPaymentGateway sandbox(Duration latency) {
        var own = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new SandboxPaymentGateway(jdbc, own, new PaymentProviderProperties.Sandbox(latency, 0.0));
    }

    private static long captured(List<UUID> orders) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE payment_status = 'CAPTURED' AND id = ANY (?)")
                .param(orders.toArray(UUID[]::new))
                .query(Long.class)
                .single();
    }
}
