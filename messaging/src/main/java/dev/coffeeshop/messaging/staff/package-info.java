/**
 * What operators do with a running service: the dead-letter topics' list and replay, and the paging every staff
 * view of a ledger shares ({@link dev.coffeeshop.messaging.staff.LedgerQuery}).
 */
package dev.coffeeshop.messaging.staff;
