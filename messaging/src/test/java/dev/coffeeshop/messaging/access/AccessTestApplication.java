package dev.coffeeshop.messaging.access;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with one endpoint of each kind in {@link AccessRules}, and one that the rules do not list. */
@SpringBootConfiguration
@EnableAutoConfiguration(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
        })
@RestController
class AccessTestApplication {

    @GetMapping("/menu")
    Map<String, String> menu() {
        return Map.of("drink", "latte");
    }

    @PostMapping("/orders")
    Map<String, String> place() {
        return Map.of("placed", "yes");
    }

    @GetMapping("/orders/{id}")
    Map<String, String> order(@PathVariable String id) {
        return Map.of("id", id);
    }

    @PostMapping("/orders/{id}/cancel")
    Map<String, String> cancel(@PathVariable String id) {
        return Map.of("cancelled", id);
    }

    @GetMapping("/staff/ledgers/things")
    Map<String, String> ledger() {
        return Map.of("ledger", "things");
    }

    @PostMapping("/staff/ledgers/things/redo")
    Map<String, String> redo() {
        return Map.of("redone", "things");
    }

    @GetMapping("/unlisted")
    Map<String, String> unlisted() {
        return Map.of("secret", "nobody should see this");
    }
}
