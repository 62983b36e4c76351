package dev.coffeeshop.barista.inventory;

import dev.coffeeshop.barista.BaristaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Stocks the configured ingredients the database does not know yet. It runs while the context starts, before the
 * consumer binding starts, so no order is ever checked against an empty shelf.
 */
@Component
class OpeningStock implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OpeningStock.class);

    private final Inventory inventory;
    private final BaristaProperties properties;

    OpeningStock(Inventory inventory, BaristaProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        inventory.stockMissing(properties.inventory());
        log.info("Opening stock checked for {}", properties.inventory().keySet());
    }
}
