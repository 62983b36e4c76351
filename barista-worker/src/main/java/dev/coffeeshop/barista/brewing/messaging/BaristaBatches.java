package dev.coffeeshop.barista.brewing.messaging;

import dev.coffeeshop.barista.BaristaProperties;
import dev.coffeeshop.messaging.batch.BatchListener;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the barista's bindings take a poll's records. Brewing takes time, and the barista holds no lock while a drink is
 * made, so each order is committed on its own while drinks take time to prepare. When they take none (a load test,
 * {@code coffeeshop.barista.preparation-time=0}), a whole batch is picked up and handed over in one transaction.
 */
@Component
class BaristaBatches {

    private final TransactionTemplate transactions;
    private final boolean instantBrewing;
    private final ObservationRegistry observations;

    BaristaBatches(
            TransactionTemplate transactions,
            BaristaProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        this.transactions = transactions;
        this.instantBrewing = properties.preparationTime().isZero();
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    BatchListener listener(Consumer<Message<?>> handler) {
        return (instantBrewing
                        ? BatchListener.inOneTransaction(transactions, handler)
                        : BatchListener.recordByRecord(handler))
                .observedBy(observations);
    }
}
