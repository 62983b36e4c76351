/**
 * One order as the baristas recorded it, for staff: when it was picked up, what was reserved, how it ended, the
 * handovers at the counter and the answers to its cancellations, as timeline entries (read-only).
 */
@NullMarked
package dev.coffeeshop.barista.timeline;

import org.jspecify.annotations.NullMarked;
