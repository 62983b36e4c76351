package dev.coffeeshop.intake.ordering;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads what the sandbox provider did for one payment, as its dashboard would show it. */
record SandboxLedger(JdbcClient jdbc) {

    /** How many times {@code operation} (CAPTURE, VOID, REFUND) was performed on the payment. */
    long count(String paymentId, String operation) {
        return jdbc.sql("SELECT count(*) FROM sandbox_payments WHERE reference = ? AND operation = ?")
                .params(paymentId, operation)
                .query(Long.class)
                .single();
    }

    String paymentOf(java.util.UUID orderId) {
        return jdbc.sql("SELECT payment_id FROM orders WHERE id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }
}
