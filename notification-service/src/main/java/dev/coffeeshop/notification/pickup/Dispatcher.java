package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.messaging.logging.OrderLogContext;
import dev.coffeeshop.notification.NotificationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands each new notification to the channel once its transaction has committed, so that a rolled-back or duplicate
 * event never reaches the customer, and keeps handing it over until the channel took it: at once after the commit,
 * then, should that fail (the channel failed, the database was away, the service stopped in between), by a sweep
 * every {@link NotificationProperties.Delivery#sweepInterval()}, with a back-off after each failure. Each attempt
 * claims the notification first (its {@code next_delivery_at} moves past a lease), calls the channel outside any
 * transaction, and records the delivery in the ledger in one transaction of its own.
 */
@Component
class Dispatcher {

    /** Where a transaction keeps the notifications it created, to hand them over once it commits. */
    private static final Object PENDING = new Object();

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationChannel channel;
    private final Deliveries deliveries;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final NotificationProperties.Delivery settings;

    Dispatcher(
            NotificationChannel channel,
            Deliveries deliveries,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters,
            Clock clock,
            NotificationProperties properties) {
        this.channel = channel;
        this.deliveries = deliveries;
        // right after a commit the committed transaction's resources are still bound: an attempt needs its own
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
        this.clock = clock;
        this.settings = properties.delivery();
    }

    /**
     * Right after the commit, every notification the transaction created, together (a batch of events creates many):
     * what this one attempt cannot do, the sweep does.
     */
    @EventListener
    void deliverAfterCommit(PickupCounter.NotificationCreated created) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliver(List.of(created.notification()));
            return;
        }
        @SuppressWarnings("unchecked")
        var pending = (List<Notification>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            var batch = new ArrayList<Notification>();
            TransactionSynchronizationManager.bindResource(PENDING, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(batch);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            pending = batch;
        }
        pending.add(created.notification());
    }

    private void deliver(List<Notification> created) {
        try {
            Instant now = clock.instant();
            handOver(transactions.execute(tx -> deliveries.claim(created, now, now.plus(settings.lease()))));
        } catch (RuntimeException e) {
            log.warn("Could not deliver {} notifications now; the sweep will: {}", created.size(), e.toString());
        }
    }

    /** Hands over every notification that is due, a batch at a time. */
    @Scheduled(
            fixedDelayString = "${coffeeshop.notification.delivery.sweep-interval:1s}",
            initialDelayString = "${coffeeshop.notification.delivery.sweep-interval:1s}")
    void deliverDue() {
        try {
            List<Deliveries.Claimed> claimed;
            do {
                Instant now = clock.instant();
                claimed = transactions.execute(
                        tx -> deliveries.claimDue(now, now.plus(settings.lease()), settings.batchSize()));
                handOver(claimed);
            } while (claimed != null && claimed.size() == settings.batchSize());
        } catch (RuntimeException e) {
            // the database may be away for a while; what is due stays due
            log.warn("Could not deliver notifications this round: {}", e.toString());
        }
    }

    private void handOver(List<Deliveries.Claimed> claimed) {
        if (claimed == null) {
            return;
        }
        var handedOver = new ArrayList<Notification>();
        for (Deliveries.Claimed attempt : claimed) {
            Notification notification = attempt.notification();
            try {
                // handed over after the batch that made it, outside its records' log context: named here
                OrderLogContext.about(notification.orderId(), () -> channel.deliver(notification));
            } catch (RuntimeException e) {
                Instant retryAt = clock.instant().plus(backOff(attempt.attempt()));
                log.warn(
                        "Could not deliver the {} notification of order {} through {} (attempt {}); again at {}",
                        notification.kind(),
                        notification.orderId(),
                        channel.name(),
                        attempt.attempt(),
                        retryAt,
                        e);
                meters.counter(
                                "coffeeshop.notifications.failed",
                                "kind",
                                notification.kind().name())
                        .increment();
                transactions.executeWithoutResult(tx -> deliveries.retryAt(notification, retryAt));
                continue;
            }
            handedOver.add(notification);
            meters.counter(
                            "coffeeshop.notifications.sent",
                            "kind",
                            notification.kind().name())
                    .increment();
        }
        transactions.executeWithoutResult(tx -> deliveries.delivered(handedOver, channel.name(), clock.instant()));
    }

    /** The pause after {@code attempt} failed attempts: doubling from a second, capped. */
    private Duration backOff(int attempt) {
        long seconds = attempt >= 30 ? Long.MAX_VALUE : 1L << Math.max(0, attempt - 1);
        Duration doubling =
                Duration.ofSeconds(Math.min(seconds, settings.maxBackOff().toSeconds()));
        return doubling.compareTo(settings.maxBackOff()) > 0 ? settings.maxBackOff() : doubling;
    }
}
