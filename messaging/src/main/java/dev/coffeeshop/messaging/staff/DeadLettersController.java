package dev.coffeeshop.messaging.staff;

import dev.coffeeshop.messaging.contracts.ProblemResponse;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' view of this service's dead-letter topics: list them, read their records, replay one record to the
 * topic it came from. For staff only, like everything under {@code /staff/}
 * ({@link dev.coffeeshop.messaging.access.AccessRules}). See
 * {@code docs/operations.md}.
 */
@RestController
@RequestMapping("/staff/dead-letters")
public class DeadLettersController {

    static final int MAX_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLettersController.class);

    private final DeadLetterTopics topics;

    public DeadLettersController(DeadLetterTopics topics) {
        this.topics = topics;
    }

    @GetMapping
    @ProblemResponse(status = 503, when = "Kafka does not answer")
    DeadLetterTopicsView list() {
        return new DeadLetterTopicsView(topics.counts());
    }

    @GetMapping("/{topic}")
    @ProblemResponse(status = 404, when = "the topic is not one of this service's dead-letter topics")
    @ProblemResponse(status = 503, when = "Kafka does not answer")
    ResponseEntity<?> records(
            @PathVariable String topic,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) Integer partition,
            @RequestParam(required = false) Long from) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and %d".formatted(MAX_LIMIT));
        }
        if (from != null && partition == null) {
            return problem(HttpStatus.BAD_REQUEST, "from needs a partition");
        }
        return ResponseEntity.ok(new DeadLettersView(topic, topics.read(topic, partition, from, limit)));
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(
            status = 403,
            when = "the token lacks the staff scope, or Kafka does not let this service write there")
    @ProblemResponse(status = 404, when = "there is no such dead-letter topic or record")
    @ProblemResponse(status = 422, when = "the record cannot be replayed, e.g. it names no original topic")
    @ProblemResponse(status = 503, when = "Kafka does not answer")
    ResponseEntity<DeadLetterTopics.Replayed> replay(
            @PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        DeadLetterTopics.Replayed replayed = topics.replay(topic, partition, offset);
        log.info(
                "Replayed {}/{}/{} to {}/{}/{}",
                topic,
                partition,
                offset,
                replayed.topic(),
                replayed.partition(),
                replayed.offset());
        return ResponseEntity.accepted().body(replayed);
    }

    @ExceptionHandler(DeadLetterTopics.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(DeadLetterTopics.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DeadLetterTopics.NotReplayable.class)
    ResponseEntity<ProblemDetail> notReplayable(DeadLetterTopics.NotReplayable e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    /**
     * Kafka refused this service's principal, e.g. a replay to a topic the service consumes but may not write (under
     * least privilege only the topic's producer may): an operator's decision, not an outage. See
     * {@code docs/security.md}, "Least privilege on Kafka".
     */
    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ProblemDetail> refusedByKafka(AuthorizationException e) {
        log.warn("Kafka refused a staff request to the dead-letter topics: {}", e.getMessage());
        return problem(
                HttpStatus.FORBIDDEN,
                "Kafka does not allow this service's principal to do that: " + e.getMessage()
                        + " (see docs/security.md, \"Least privilege on Kafka\")");
    }

    @ExceptionHandler({KafkaException.class, IllegalStateException.class})
    ResponseEntity<ProblemDetail> kafkaUnavailable(RuntimeException e) {
        log.warn("A staff request to the dead-letter topics failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer: " + e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /** This service's dead-letter topics with the number of records in each. */
    record DeadLetterTopicsView(List<DeadLetterTopics.Count> topics) {}

    /** Records of one dead-letter topic. */
    record DeadLettersView(String topic, List<DeadLetter> records) {}
}
