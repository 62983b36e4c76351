package dev.coffeeshop.messaging.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A failure an endpoint answers with an RFC 9457 problem, beyond those every endpoint may answer (which
 * {@link ProblemResponses} adds by itself): one line on the handler method per status, saying when.
 *
 * <pre>{@code @ProblemResponse(status = 402, when = "the card is declined")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    /** The HTTP status. */
    int status();

    /** When it is answered, as the client would want to read it. */
    String when();

    /** The problem's {@code type} URI in the example, when it is not {@code about:blank}. */
    String type() default "about:blank";

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}
