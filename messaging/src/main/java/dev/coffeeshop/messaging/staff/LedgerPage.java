package dev.coffeeshop.messaging.staff;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a ledger: its entries in the ledger's order and the cursor to ask for the next page with
 * ({@code after=<next>}), null when this page is the last one so far.
 */
public record LedgerPage<T>(List<T> entries, String next) {

    /**
     * The page of a query from the entries read for it: up to {@code limit + 1} of them, the one beyond the limit
     * only telling that there is more.
     */
    public static <T> LedgerPage<T> of(List<T> readOneBeyond, int limit, Function<T, String> cursor) {
        if (readOneBeyond.size() <= limit) {
            return new LedgerPage<>(List.copyOf(readOneBeyond), null);
        }
        List<T> entries = List.copyOf(readOneBeyond.subList(0, limit));
        return new LedgerPage<>(entries, cursor.apply(entries.getLast()));
    }
}
