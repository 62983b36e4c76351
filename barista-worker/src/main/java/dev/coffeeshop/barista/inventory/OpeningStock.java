package dev.coffeeshop.barista.inventory;

import dev.coffeeshop.barista.BaristaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stocks the configured ingredients the database does not know yet. It runs when the context starts, in a phase
 * before the consumer bindings', so no order is ever checked against an empty shelf; and not while the context is
 * merely refreshed, so an image build can record the service's ahead-of-time cache without a database
 * ({@code -Dspring.context.exit=onRefresh}).
 */
@Component
class OpeningStock implements SmartLifecycle {

    /** Before every other lifecycle bean, the bindings (phase {@code Integer.MAX_VALUE - 1000}) included. */
    private static final int BEFORE_THE_BINDINGS = Integer.MIN_VALUE;

    private static final Logger log = LoggerFactory.getLogger(OpeningStock.class);

    private final Inventory inventory;
    private final BaristaProperties properties;
    private volatile boolean running;

    OpeningStock(Inventory inventory, BaristaProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    @Override
    public void start() {
        inventory.stockMissing(properties.inventory());
        log.info("Opening stock checked for {}", properties.inventory().keySet());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return BEFORE_THE_BINDINGS;
    }
}
