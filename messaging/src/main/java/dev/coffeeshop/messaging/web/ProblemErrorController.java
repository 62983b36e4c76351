package dev.coffeeshop.messaging.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page as a problem: what a filter refused with {@code sendError}, an exception no
 * advice answered, a status set on the way out. It replaces Boot's {@code BasicErrorController}, whose JSON is not
 * RFC 9457 and which answers HTML to browsers. The container's message is shown only for a deliberate {@code
 * sendError}, never an exception's.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        var problem = ProblemDetail.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
                && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
                && !message.isBlank()) {
            problem.setDetail(message);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
