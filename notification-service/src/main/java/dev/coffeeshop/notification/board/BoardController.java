package dev.coffeeshop.notification.board;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pickup board: {@code GET /board} is the page (one self-contained HTML file, no external assets), {@code GET
 * /board/events} its stream of server-sent events.
 */
@RestController
class BoardController {

    private static final Resource PAGE = new ClassPathResource("static/board.html");

    private final BoardFeed feed;

    BoardController(BoardFeed feed) {
        this.feed = feed;
    }

    @GetMapping(value = "/board", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(PAGE);
    }

    /**
     * The board's changes. A browser's EventSource sends {@code Last-Event-ID} when it reconnects on its own; the
     * {@code lastEventId} parameter serves a page that opens a new EventSource itself and wants to resume (a browser
     * cannot set that header). Anything that is not a number starts from the board as it stands.
     */
    @GetMapping(value = "/board/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @RequestHeader(value = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(value = "lastEventId", required = false) @Nullable String lastEventIdParameter) {
        return feed.follow(number(
                lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParameter));
    }

    private static @Nullable Long number(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
