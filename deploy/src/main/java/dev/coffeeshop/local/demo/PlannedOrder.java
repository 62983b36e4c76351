package dev.coffeeshop.local.demo;

import java.util.List;
import java.util.Map;

/** An order the demo will place, with the outcome it should have. */
public record PlannedOrder(int number, Outcome expected, String idempotencyKey, Map<String, Object> body) {

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        return (List<Map<String, Object>>) body.get("items");
    }
}
