package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.OrderTraces;
import dev.coffeeshop.intake.IntakeProperties;
import dev.coffeeshop.intake.payment.PaymentDeclinedException;
import dev.coffeeshop.intake.payment.PaymentGateway;
import dev.coffeeshop.intake.payment.PaymentUnavailableException;
import dev.coffeeshop.messaging.logging.OrderLogContext;
import dev.coffeeshop.messaging.tracing.Traceparents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out what the cashier decided about money: captures, voids and refunds, recorded as {@link PaymentActions}
 * in the transaction that decided them. Each round claims a batch of due actions, calls the provider for all of them
 * concurrently (outside any transaction; each call has its own idempotency key) and records every outcome in one
 * transaction:
 *
 * <ul>
 *   <li>confirmed: the action is done; a void or refund ends the order's compensation and announces it;
 *   <li>the provider is unavailable: the action is due again after a back-off that doubles per attempt, with jitter,
 *       and is parked for an operator after {@link IntakeProperties.Payment#maxAttempts()} attempts;
 *   <li>the provider refused: retrying would not change its answer, so the action is parked at once.
 * </ul>
 *
 * Nothing is kept in memory between rounds: after a crash or restart the table says exactly what is left, and a call
 * that went through just before a crash is repeated with the same key and answered with the first result.
 *
 * <p>Each attempt is a span ({@code payment capture}, {@code payment refund}, ...) continuing the trace context stored
 * with its action, so the provider's HTTP call is its child; what a round then records and announces for an order
 * (a {@code PaymentRefunded}) continues that span ({@link OrderTraces}): a refunded order stays one trace.
 */
@Component
class PaymentClerk implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaymentClerk.class);

    private final PaymentActions actions;
    private final Orders orders;
    private final Bookkeeper bookkeeper;
    private final PaymentGateway payments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final IntakeProperties.Payment settings;
    private final Traceparents traces;
    private final AtomicLong parked = new AtomicLong();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    PaymentClerk(
            PaymentActions actions,
            Orders orders,
            Bookkeeper bookkeeper,
            PaymentGateway payments,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            IntakeProperties properties,
            Traceparents traces) {
        this.actions = actions;
        this.orders = orders;
        this.bookkeeper = bookkeeper;
        this.payments = payments;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.settings = properties.payment();
        this.traces = traces;
        Gauge.builder("coffeeshop.payments.awaiting.operator", parked, AtomicLong::get)
                .description("payment actions parked until an operator retries them")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::settleSafely, settings.pollInterval());
    }

    private sealed interface Outcome {}

    private record Confirmed(String resultId) implements Outcome {}

    private record Unavailable(String error) implements Outcome {}

    private record Refused(String error) implements Outcome {}

    /** An attempt's outcome, and the trace context of its span (null without tracing). */
    private record Attempt(Outcome outcome, @Nullable String traceparent) {}

    /** Carries out every action that is due now, a batch per round; returns how many attempts it made. */
    int settleDue() {
        int attempted = 0;
        List<PaymentActions.Claimed> batch;
        do {
            Instant now = clock.instant();
            batch = transactions.execute(tx -> actions.claimDue(now, now.plus(settings.lease()), settings.batchSize()));
            if (batch == null || batch.isEmpty()) {
                break;
            }
            attempted += batch.size();
            List<Attempt> attempts = callProvider(batch);
            var byOrder = new HashMap<UUID, String>();
            for (int i = 0; i < batch.size(); i++) {
                String traceparent = attempts.get(i).traceparent();
                if (traceparent != null) {
                    byOrder.putIfAbsent(batch.get(i).orderId(), traceparent);
                }
            }
            List<Outcome> outcomes = attempts.stream().map(Attempt::outcome).toList();
            var round = batch;
            OrderTraces.within(byOrder, () -> record(round, outcomes));
        } while (batch.size() == settings.batchSize());
        parked.set(actions.parkedCount());
        return attempted;
    }

    private List<Attempt> callProvider(List<PaymentActions.Claimed> batch) {
        List<Future<Attempt>> calls = batch.stream()
                .map(claimed -> this.calls.submit(() -> attempt(claimed)))
                .toList();
        return calls.stream()
                .map(call -> {
                    try {
                        return call.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Attempt(new Unavailable("interrupted"), null);
                    } catch (java.util.concurrent.ExecutionException e) {
                        return new Attempt(new Unavailable(String.valueOf(e.getCause())), null);
                    }
                })
                .toList();
    }

    /** One call, in a span of its own that continues the action's trace. */
    private Attempt attempt(PaymentActions.Claimed claimed) {
        String name = "payment " + claimed.action().name().toLowerCase(Locale.ROOT);
        return traces.inSpan(claimed.traceparent(), name, () -> new Attempt(call(claimed), traces.current()));
    }

    /** One provider call, its lines logged with the order it is for. */
    private Outcome call(PaymentActions.Claimed claimed) {
        return OrderLogContext.about(claimed.orderId(), () -> callNow(claimed));
    }

    private Outcome callNow(PaymentActions.Claimed claimed) {
        String key = claimed.action().idempotencyKey(claimed.orderId());
        try {
            return new Confirmed(
                    switch (claimed.action()) {
                        case CAPTURE ->
                            payments.capture(claimed.paymentId(), claimed.amountCents(), key)
                                    .captureId();
                        case VOID ->
                            payments.voidAuthorization(claimed.paymentId(), key).voidId();
                        case REFUND ->
                            payments.refund(claimed.paymentId(), claimed.amountCents(), key)
                                    .refundId();
                    });
        } catch (PaymentDeclinedException e) {
            return new Refused("refused (" + e.code() + "): " + e.getMessage());
        } catch (PaymentUnavailableException e) {
            return new Unavailable(e.getMessage());
        } catch (RuntimeException e) {
            // an answer nobody expected is treated as the provider failing: retried, parked in the end
            return new Unavailable(e.toString());
        }
    }

    /** An action parked for an operator in this round, and why. */
    private record Parked(PaymentActions.Claimed claimed, String error) {}

    /**
     * Records a round's outcomes in one transaction: confirmations in one statement, and what they mean for their orders
     * decided by the orders themselves, locked together, and written as one batch.
     */
    private void record(List<PaymentActions.Claimed> batch, List<Outcome> outcomes) {
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            var confirmed = new ArrayList<PaymentActions.Claimed>();
            var resultIds = new ArrayList<String>();
            var parkedNow = new ArrayList<Parked>();
            for (int i = 0; i < batch.size(); i++) {
                var claimed = batch.get(i);
                switch (outcomes.get(i)) {
                    case Confirmed c -> {
                        confirmed.add(claimed);
                        resultIds.add(c.resultId());
                    }
                    case Unavailable unavailable -> {
                        if (claimed.attempt() >= settings.maxAttempts()) {
                            String error = "gave up after " + claimed.attempt() + " attempts: " + unavailable.error();
                            park(claimed, error, now).ifPresent(parkedNow::add);
                        } else {
                            actions.retryLater(claimed, unavailable.error(), now.plus(backOff(claimed.attempt())), now);
                            meters.counter(
                                            "coffeeshop.payments.retried",
                                            "action",
                                            claimed.action().name())
                                    .increment();
                        }
                    }
                    case Refused refused -> park(claimed, refused.error(), now).ifPresent(parkedNow::add);
                }
            }
            List<PaymentActions.Claimed> done = actions.done(confirmed, resultIds, now);
            var involved = new ArrayList<UUID>();
            done.forEach(claimed -> involved.add(claimed.orderId()));
            parkedNow.forEach(parked -> involved.add(parked.claimed().orderId()));
            Map<UUID, Order> orders = this.orders.lock(involved);
            var decisions = new ArrayList<Decision>();
            for (var claimed : done) {
                String resultId = resultIds.get(confirmed.indexOf(claimed));
                decisions.add(orders.get(claimed.orderId()).paymentConfirmed(claimed.action(), resultId, now));
                meters.counter(
                                "coffeeshop.payments.settled",
                                "action",
                                claimed.action().name())
                        .increment();
            }
            for (var parked : parkedNow) {
                decisions.add(orders.get(parked.claimed().orderId())
                        .paymentFailedForGood(parked.claimed().action(), parked.error()));
            }
            bookkeeper.apply(decisions);
        });
    }

    /** Leaves the action to an operator, if it was still pending. */
    private Optional<Parked> park(PaymentActions.Claimed claimed, String error, Instant now) {
        if (!actions.park(claimed, error, now)) {
            return Optional.empty();
        }
        meters.counter(
                        "coffeeshop.compensations.parked",
                        "action",
                        claimed.action().name())
                .increment();
        OrderLogContext.about(
                claimed.orderId(),
                () -> log.error(
                        "Parked the {} of order {} for an operator: {}", claimed.action(), claimed.orderId(), error));
        return Optional.of(new Parked(claimed, error));
    }

    /** The pause after {@code attempt} failed attempts: doubling from the initial back-off, capped, jittered ±25%. */
    Duration backOff(int attempt) {
        long initial = settings.initialBackOff().toMillis();
        long max = settings.maxBackOff().toMillis();
        long exponential = attempt >= 31 ? max : Math.min(max, initial << Math.max(0, attempt - 1));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.round(exponential * jitter)));
    }

    private void settleSafely() {
        try {
            settleDue();
        } catch (RuntimeException e) {
            // the database may be away for a while; claimed actions come due again when their lease ends
            log.warn("Could not settle payment actions: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
