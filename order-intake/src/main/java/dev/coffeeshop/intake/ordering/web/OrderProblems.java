package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.intake.ordering.IdempotencyKeyReusedException;
import dev.coffeeshop.intake.ordering.InvalidOrderException;
import dev.coffeeshop.intake.ordering.OrderNotCancellableException;
import dev.coffeeshop.intake.ordering.OrderNotFoundException;
import dev.coffeeshop.intake.payment.PaymentDeclinedException;
import dev.coffeeshop.intake.payment.PaymentUnavailableException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every failure of the API as an RFC 9457 problem that names what is wrong. */
@RestControllerAdvice
class OrderProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalidOrder(InvalidOrderException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-order",
                "The order asks for something not on the menu.",
                e.violations().stream()
                        .map(v -> new FieldProblem(v.field(), v.message()))
                        .toList());
    }

    @ExceptionHandler
    ProblemDetail notCancellable(OrderNotCancellableException e) {
        var problem = problem(HttpStatus.CONFLICT, "order-not-cancellable", e.getMessage(), null);
        problem.setProperty("orderStatus", e.status().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail nothingParked(StaffOrdersController.NothingParkedException e) {
        return problem(HttpStatus.CONFLICT, "nothing-parked", e.getMessage(), null);
    }

    @ExceptionHandler
    ProblemDetail declined(PaymentDeclinedException e) {
        var problem = problem(HttpStatus.PAYMENT_REQUIRED, "payment-declined", e.getMessage(), null);
        problem.setProperty("code", e.code());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> paymentUnavailable(PaymentUnavailableException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "payment-unavailable", e.getMessage(), null));
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> storageUnavailable(RuntimeException e) {
        return retryLater(problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "storage-unavailable",
                "Orders cannot be stored right now; nothing was charged or kept. Try again shortly.",
                null));
    }

    /** Anything unforeseen: a problem body without internals; the log has the details. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        logger.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong on our side.", null);
    }

    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", e.getMessage(), null);
    }

    @ExceptionHandler
    ProblemDetail notFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "order-not-found", e.getMessage(), null);
    }

    @ExceptionHandler
    ProblemDetail constraintViolated(ConstraintViolationException e) {
        return invalidRequest(e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalidRequest(e.getBindingResult().getFieldErrors().stream()
                        .map(f -> new FieldProblem(f.getField(), String.valueOf(f.getDefaultMessage())))
                        .toList()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalidRequest(e.getParameterValidationResults().stream()
                        .flatMap(r -> r.getResolvableErrors().stream()
                                .map(err -> new FieldProblem(
                                        fieldName(r.getMethodParameter().getParameterName()),
                                        String.valueOf(err.getDefaultMessage()))))
                        .toList()));
    }

    /** One thing wrong with a request, under the name the client used for it. */
    record FieldProblem(String field, String message) {}

    /** Method parameters are named as the client sees them: the header, not the Java parameter. */
    private static String fieldName(String parameter) {
        if (parameter == null) {
            return "request";
        }
        return "idempotencyKey".equals(parameter) ? "Idempotency-Key" : parameter;
    }

    private static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", errors);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, List<FieldProblem> errors) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://coffeeshop.dev/problems/" + type));
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(problem);
    }
}
