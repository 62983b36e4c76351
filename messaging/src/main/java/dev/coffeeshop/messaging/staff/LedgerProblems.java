package dev.coffeeshop.messaging.staff;

import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every service's staff ledgers answer a bad page request the same way: 400 with the parameters' problems. It comes
 * before a service's own advice, whose catch-all for unexpected failures would otherwise answer 500.
 */
@RestControllerAdvice
class LedgerProblems implements Ordered {

    @ExceptionHandler
    ProblemDetail invalid(InvalidLedgerQuery e) {
        return e.problem();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
