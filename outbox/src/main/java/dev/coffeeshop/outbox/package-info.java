/** Transactional outbox: no dual writes, events leave the database only after the state change committed. */
package dev.coffeeshop.outbox;
