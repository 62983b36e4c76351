package dev.coffeeshop.notification.board;

import dev.coffeeshop.notification.board.BoardChanges.Snapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends the board's changes to the screens that follow it. One poller reads the changes after the last one it read
 * (every {@code coffeeshop.board.poll-interval}) and hands them to every screen; polling the change log, rather than
 * reacting to commits in this instance, also carries changes made by other instances of the service, and costs one
 * indexed query per interval whatever the number of screens.
 *
 * <p>A screen that connects without a last event id gets the board as it stands (one {@code snapshot} event whose id
 * is the latest change) and then every change after it; one that reconnects with {@code Last-Event-ID} gets the
 * changes after that id. Each screen remembers the last id it was sent and ignores anything up to it, and its catch-up
 * and its live changes are sent under one lock, so a change that arrives while a screen catches up is sent once and
 * in order.
 */
@Component
class BoardFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoardFeed.class);
    private static final int BATCH = 500;

    private final BoardChanges changes;
    private final BoardProperties properties;
    private final Clock clock;
    private final Set<Screen> screens = ConcurrentHashMap.newKeySet();
    private final AtomicLong resumes = new AtomicLong();
    private ScheduledExecutorService timer;
    private volatile long polledUpTo;
    private volatile boolean running;

    BoardFeed(BoardChanges changes, BoardProperties properties, Clock clock) {
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
    }

    /** A stream for one screen: the board, or the changes after {@code lastEventId} when it is a known change. */
    SseEmitter follow(@Nullable Long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Screen screen = new Screen(emitter);
        emitter.onCompletion(() -> screens.remove(screen));
        emitter.onTimeout(() -> screens.remove(screen));
        emitter.onError(error -> screens.remove(screen));
        screen.lock.lock();
        try {
            screens.add(screen);
            emitter.send(SseEmitter.event()
                    .reconnectTime(properties.reconnectDelay().toMillis())
                    .comment("coffeeshop pickup board"));
            // an id beyond the latest change was not handed out by this database (it was reset): start afresh
            if (lastEventId != null && lastEventId >= 0 && lastEventId <= changes.latest()) {
                resumes.incrementAndGet();
                screen.lastSent = lastEventId;
                for (List<BoardChange> batch = changes.after(lastEventId, BATCH);
                        !batch.isEmpty();
                        batch = changes.after(screen.lastSent, BATCH)) {
                    screen.send(batch);
                }
            } else {
                Snapshot snapshot = changes.snapshot(properties.readyShownFor());
                emitter.send(SseEmitter.event()
                        .id(Long.toString(snapshot.lastChangeId()))
                        .data(
                                new SnapshotEvent(
                                        "snapshot",
                                        properties.readyShownFor().toMillis(),
                                        snapshot.orders().stream()
                                                .map(this::entry)
                                                .toList()),
                                MediaType.APPLICATION_JSON));
                screen.lastSent = snapshot.lastChangeId();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("A board screen left while it was catching up", e);
            screens.remove(screen);
            emitter.completeWithError(e);
        } finally {
            screen.lock.unlock();
        }
        return emitter;
    }

    /** Ends every stream; the screens reconnect on their own and resume from the last change they saw. */
    void disconnectAll() {
        screens.forEach(screen -> screen.emitter.complete());
        screens.clear();
    }

    /** How many streams resumed from a last event id since the start: for tests and curious operators. */
    long resumes() {
        return resumes.get();
    }

    int screens() {
        return screens.size();
    }

    private void poll() {
        try {
            for (List<BoardChange> batch = changes.after(polledUpTo, BATCH);
                    !batch.isEmpty();
                    batch = changes.after(polledUpTo, BATCH)) {
                for (Screen screen : screens) {
                    screen.lock.lock();
                    try {
                        screen.send(batch);
                    } catch (IOException | RuntimeException e) {
                        log.debug("A board screen left", e);
                        screens.remove(screen);
                        screen.emitter.completeWithError(e);
                    } finally {
                        screen.lock.unlock();
                    }
                }
                polledUpTo = batch.getLast().id();
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the board's changes; trying again", e);
        }
    }

    private void heartbeat() {
        for (Screen screen : screens) {
            screen.lock.lock();
            try {
                screen.emitter.send(SseEmitter.event().comment("still here"));
            } catch (IOException | RuntimeException e) {
                screens.remove(screen);
                screen.emitter.completeWithError(e);
            } finally {
                screen.lock.unlock();
            }
        }
    }

    private Entry entry(BoardChange change) {
        return new Entry(
                change.orderId(),
                change.customerName(),
                change.status().name(),
                Math.max(
                        0, Duration.between(change.changedAt(), clock.instant()).toMillis()));
    }

    @Override
    public void start() {
        polledUpTo = changes.latest();
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("board-feed").daemon(true).factory());
        long poll = properties.pollInterval().toMillis();
        long heartbeat = properties.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        disconnectAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One screen's stream; {@code lastSent} and the sends are guarded by {@code lock}. */
    private final class Screen {
        final SseEmitter emitter;
        final ReentrantLock lock = new ReentrantLock();
        long lastSent;

        Screen(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void send(List<BoardChange> batch) throws IOException {
            for (BoardChange change : batch) {
                if (change.id() <= lastSent) {
                    continue;
                }
                Entry entry = entry(change);
                emitter.send(SseEmitter.event()
                        .id(Long.toString(change.id()))
                        .data(
                                new ChangeEvent(
                                        "change", entry.order(), entry.name(), entry.status(), entry.ageMillis()),
                                MediaType.APPLICATION_JSON));
                lastSent = change.id();
            }
        }
    }

    /** An order on the board; {@code ageMillis} is how long ago it took this status. */
    record Entry(UUID order, @Nullable String name, String status, long ageMillis) {}

    record SnapshotEvent(String type, long readyShownForMillis, List<Entry> orders) {}

    record ChangeEvent(String type, UUID order, @Nullable String name, String status, long ageMillis) {}
}
