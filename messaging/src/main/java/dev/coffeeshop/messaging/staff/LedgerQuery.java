package dev.coffeeshop.messaging.staff;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page asked of a ledger a service shows its staff ({@code GET /staff/...?since=&after=&limit=}): the entries at
 * or after {@code since}, past the cursor {@code after} (the {@code next} of the page before), at most {@code limit}
 * of them. Paging is by key, not by offset, so a walk through the pages sees every entry committed before it started
 * exactly once, however many entries are added meanwhile.
 *
 * @param since an ISO-8601 instant; required, since a ledger only grows
 * @param after a cursor from this ledger's previous page; none for the first page
 * @param limit entries per page, 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 */
public record LedgerQuery(Instant since, Optional<String> after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /**
     * The query the request parameters ask for.
     *
     * @throws InvalidLedgerQuery naming each parameter that is missing or malformed
     */
    public static LedgerQuery of(String since, String after, String limit) {
        var invalid = new InvalidLedgerQuery();
        Instant from = null;
        if (since == null || since.isBlank()) {
            invalid.add("since", "required: an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        } else {
            try {
                from = Instant.parse(since.strip());
            } catch (DateTimeParseException e) {
                invalid.add("since", "not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                invalid.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (after != null && after.isBlank()) {
            invalid.add("after", "must be the next cursor of the previous page, or left out");
        }
        invalid.throwIfAny();
        return new LedgerQuery(from, Optional.ofNullable(after).map(String::strip), size);
    }

    /**
     * The cursor of a ledger numbered by a sequence: the number of the last entry seen.
     *
     * @throws InvalidLedgerQuery when {@code after} is not such a number
     */
    public OptionalLong afterSequence() {
        if (after.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long sequence = Long.parseLong(after.get());
            if (sequence >= 0) {
                return OptionalLong.of(sequence);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidLedgerQuery.cursor();
    }
}
