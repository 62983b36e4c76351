package dev.coffeeshop.intake.ordering;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A step added to an order's timeline: what happened, when, and why where there is a why. */
record TimelineEntry(
        TimelineStep step, Instant at, @Nullable String detail) {}
