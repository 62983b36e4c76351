package dev.coffeeshop.notification.board;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the pickup board.
 *
 * @param pollInterval how often new board changes are read from the database and sent to the screens
 * @param heartbeat how often an idle stream gets a comment, so proxies and the browser keep it open
 * @param streamTimeout how long one stream lasts; the browser then reconnects and resumes where it was
 * @param reconnectDelay how long a browser waits before it reconnects a dropped stream (the events' {@code retry})
 * @param readyShownFor how long an order stays under "ready" before it leaves the board
 */
@ConfigurationProperties("coffeeshop.board")
record BoardProperties(
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("1s") Duration reconnectDelay,
        @DefaultValue("10m") Duration readyShownFor) {}
