package dev.coffeeshop.messaging.staff;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A ledger page asked for with parameters that are missing or malformed; answered 400 with an RFC 9457 problem whose
 * {@code errors} name each parameter, as the services' other validation problems do.
 */
public final class InvalidLedgerQuery extends RuntimeException {

    private final List<Map<String, String>> errors = new ArrayList<>();

    InvalidLedgerQuery() {
        super("The ledger query is not valid.");
    }

    /** A cursor that this ledger did not hand out. */
    public static InvalidLedgerQuery cursor() {
        var invalid = new InvalidLedgerQuery();
        invalid.add("after", "not a cursor of this ledger: pass the next of the previous page");
        return invalid;
    }

    void add(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw this;
        }
    }

    public List<Map<String, String>> errors() {
        return List.copyOf(errors);
    }

    /** The 400 answer: type {@code invalid-request}, with the parameters' problems under {@code errors}. */
    public ProblemDetail problem() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setType(URI.create("https://coffeeshop.dev/problems/invalid-request"));
        problem.setProperty("errors", errors());
        return problem;
    }
}
