package dev.coffeeshop.intake.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The sandbox provider on a real database: its state rules, its idempotency, its latency and failures. */
class SandboxPaymentGatewayTests {

    static JdbcClient jdbc;
    static TransactionTemplate transactions;

    final SandboxPaymentGateway sandbox = sandbox(Duration.ZERO, 0.0);

    @BeforeAll
    static void migrate() {
        var database = TestInfrastructure.newDatabase("sandbox_payments");
        var dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void capturesAnAuthorizationOnceHoweverOftenTheSameKeyAsks() {
        // given
        String payment = authorized(450);
        String key = key("capture");

        // when
        var first = sandbox.capture(payment, 450, key);
        var again = sandbox.capture(payment, 450, key);
        var afterARestart = sandbox(Duration.ZERO, 0.0).capture(payment, 450, key);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(afterARestart).isEqualTo(first);
        assertThat(operationsOn(payment, "CAPTURE")).isOne();
    }

    @Test
    void declinesCapturingAPaymentItNeverAuthorized() {
        // when / then
        assertThatThrownBy(() -> sandbox.capture("pay_" + UUID.randomUUID(), 450, key("capture")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("payment_not_found"));
    }

    @Test
    void declinesCapturingAVoidedAuthorization() {
        // given
        String payment = authorized(450);
        sandbox.voidAuthorization(payment, key("void"));

        // when / then
        assertThatThrownBy(() -> sandbox.capture(payment, 450, key("capture")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("authorization_voided"));
        assertThat(operationsOn(payment, "CAPTURE")).isZero();
    }

    @Test
    void declinesCapturingTwiceWithAnotherKeyOrMoreThanWasAuthorized() {
        // given
        String payment = authorized(450);
        String other = authorized(450);
        sandbox.capture(payment, 450, key("capture"));

        // when / then
        assertThatThrownBy(() -> sandbox.capture(payment, 450, key("capture")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("already_captured"));
        assertThatThrownBy(() -> sandbox.capture(other, 451, key("capture")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("amount_too_large"));
    }

    @Test
    void declinesVoidingACapturedPaymentButRepeatsAVoidForItsKey() {
        // given
        String captured = authorized(450);
        sandbox.capture(captured, 450, key("capture"));
        String voided = authorized(450);
        String voidKey = key("void");
        var release = sandbox.voidAuthorization(voided, voidKey);

        // when / then
        assertThatThrownBy(() -> sandbox.voidAuthorization(captured, key("void")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("already_captured"));
        assertThat(sandbox.voidAuthorization(voided, voidKey)).isEqualTo(release);
        assertThatThrownBy(() -> sandbox.voidAuthorization(voided, key("void")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("already_voided"));
    }

    @Test
    void refundsOnlyACapturedPaymentAndNeverMoreThanWasCaptured() {
        // given
        String uncaptured = authorized(450);
        String captured = authorized(450);
        sandbox.capture(captured, 400, key("capture"));
        long refundsBefore = sandbox.refundsIssued();

        // when / then
        assertThatThrownBy(() -> sandbox.refund(uncaptured, 450, key("refund")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("not_captured"));
        assertThatThrownBy(() -> sandbox.refund(captured, 450, key("refund")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("amount_too_large"));
        sandbox.refund(captured, 300, key("refund"));
        assertThatThrownBy(() -> sandbox.refund(captured, 101, key("refund")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("amount_too_large"));
        sandbox.refund(captured, 100, key("refund"));
        assertThat(sandbox.refundsIssued()).isEqualTo(refundsBefore + 2);
    }

    @Test
    void answersARefundRetriedWithItsKeyWithTheFirstRefund() {
        // given
        String payment = authorized(450);
        sandbox.capture(payment, 450, key("capture"));
        String key = key("refund");
        var refund = sandbox.refund(payment, 450, key);
        long refundsBefore = sandbox.refundsIssued();

        // when
        var again = sandbox(Duration.ZERO, 0.0).refund(payment, 450, key);

        // then
        assertThat(again).isEqualTo(refund);
        assertThat(sandbox.refundsIssued()).isEqualTo(refundsBefore);
    }

    @Test
    void declinesAKeyUsedBeforeForAnotherOperation() {
        // given
        String payment = authorized(450);
        String key = key("capture");
        sandbox.capture(payment, 450, key);

        // when / then
        assertThatThrownBy(() -> sandbox.refund(payment, 450, key))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("idempotency_key_reused"));
    }

    @Test
    void settlesAnAuthorizationOnceWhenCapturesAndVoidsRace() throws Exception {
        // given
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payments.add(authorized(450));
        }
        var start = new CountDownLatch(1);
        List<Callable<String>> settlements = new ArrayList<>();
        for (String payment : payments) {
            settlements.add(() -> {
                start.await();
                return sandbox.capture(payment, 450, key("capture")).captureId();
            });
            settlements.add(() -> {
                start.await();
                return sandbox.voidAuthorization(payment, key("void")).voidId();
            });
        }

        // when
        List<Future<String>> outcomes;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            outcomes = settlements.stream().map(executor::submit).toList();
            start.countDown();
        }

        // then
        long succeeded = 0;
        for (Future<String> outcome : outcomes) {
            try {
                outcome.get();
                succeeded++;
            } catch (ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOfSatisfying(PaymentDeclinedException.class, declined -> assertThat(declined.code())
                                .isIn("already_captured", "authorization_voided"));
            }
        }
        assertThat(succeeded).isEqualTo(payments.size());
        for (String payment : payments) {
            assertThat(operationsOn(payment, "CAPTURE") + operationsOn(payment, "VOID"))
                    .isOne();
        }
    }

    @Test
    void takesAsLongAsItsLatencyToAnswer() {
        // given
        var slow = sandbox(Duration.ofMillis(300), 0.0);

        // when
        long started = System.nanoTime();
        slow.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", key("authorize"));
        var took = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void failsAtItsFailureRateWithoutRecordingAnything() {
        // given
        var alwaysFailing = sandbox(Duration.ZERO, 1.0);
        var failingHalfTheTime = new SandboxPaymentGateway(
                jdbc, transactions, new PaymentProviderProperties.Sandbox(Duration.ZERO, 0.5), new Random(42));
        String key = key("authorize");

        // when / then
        assertThatThrownBy(() -> alwaysFailing.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", key))
                .isInstanceOf(PaymentUnavailableException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payments WHERE idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            try {
                failingHalfTheTime.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", key("authorize"));
            } catch (PaymentUnavailableException e) {
                failures++;
            }
        }
        assertThat(failures).isBetween(70, 130);
    }

    @Test
    void keepsItsTestModeTokens() {
        // when / then
        assertThat(sandbox.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", key("authorize"))
                        .paymentId())
                .startsWith("pay_");
        assertThatThrownBy(() -> sandbox.authorize(SandboxPaymentGateway.DECLINE, 450, "EUR", key("authorize")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("card_declined"));
        assertThatThrownBy(
                        () -> sandbox.authorize(SandboxPaymentGateway.INSUFFICIENT_FUNDS, 450, "EUR", key("authorize")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("insufficient_funds"));
        assertThatThrownBy(() -> sandbox.authorize(SandboxPaymentGateway.GATEWAY_ERROR, 450, "EUR", key("authorize")))
                .isInstanceOf(PaymentUnavailableException.class);
    }

    private static SandboxPaymentGateway sandbox(Duration latency, double failureRate) {
        return new SandboxPaymentGateway(
                jdbc, transactions, new PaymentProviderProperties.Sandbox(latency, failureRate));
    }

    private String authorized(long amountCents) {
        return sandbox.authorize(SandboxPaymentGateway.APPROVE, amountCents, "EUR", key("authorize"))
                .paymentId();
    }

    private static long operationsOn(String payment, String operation) {
        return jdbc.sql("SELECT count(*) FROM sandbox_payments WHERE reference = ? AND operation = ?")
                .params(payment, operation)
                .query(Long.class)
                .single();
    }

    private static String key(String operation) {
        return operation + "-" + UUID.randomUUID();
    }
}
