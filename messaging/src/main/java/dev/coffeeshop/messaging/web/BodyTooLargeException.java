package dev.coffeeshop.messaging.web;

import java.io.IOException;

/** A body without a declared length turned out longer than {@link HttpLimits#maxBodySize()}. */
class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super(BodySizeLimit.tooLarge(limit));
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
