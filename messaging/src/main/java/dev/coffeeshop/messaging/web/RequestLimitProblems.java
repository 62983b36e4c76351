package dev.coffeeshop.messaging.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body that cannot be read, answered in every service with what is wrong with it: 413 for a body over the
 * size limit, 400 naming the broken JSON limit, the duplicate field or the syntax error otherwise. It comes before a
 * service's own advice, whose catch-all would answer an unforeseen cause 500, and it never echoes Java types.
 */
@RestControllerAdvice
class RequestLimitProblems implements Ordered {

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case StreamConstraintsException limit -> {
                    return badRequest("The request body breaks a limit: " + withoutSource(limit.getOriginalMessage()));
                }
                case UnrecognizedPropertyException unknown -> {
                    return badRequest("Unknown field '" + unknown.getPropertyName() + "'.");
                }
                case StreamReadException syntax -> {
                    return badRequest("The request body is not valid JSON: " + syntax.getOriginalMessage());
                }
                case JacksonException mapping -> {
                    return badRequest("The request body does not have the expected shape"
                            + (mapping.getPathReference() == null ? "." : " at " + mapping.getPathReference() + "."));
                }
                default -> {}
            }
        }
        return badRequest("The request body is missing or cannot be read.");
    }

    /** Jackson names the setting a limit comes from ({@code from `StreamReadConstraints...`}); the client cannot. */
    private static String withoutSource(String message) {
        return message.replaceAll(",? ?from `[^`]*`", "");
    }

    private static ProblemDetail badRequest(String detail) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
