package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.intake.ordering.Backoffice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The saga's map for staff and their tools, under {@code /staff}: only a token with the staff scope gets here. */
@RestController
class StaffSagaController {

    private final Backoffice backoffice;

    StaffSagaController(Backoffice backoffice) {
        this.backoffice = backoffice;
    }

    /** Every timeline an order can have, as a graph of situations and the steps between them. */
    @GetMapping("/staff/saga")
    Backoffice.SagaMap saga() {
        return backoffice.saga();
    }
}
