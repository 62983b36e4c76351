/**
 * What operators do with a running service: the guard of every {@code /staff/**} endpoint ({@link
 * dev.coffeeshop.messaging.staff.StaffAccess}) and the dead-letter topics' list and replay.
 */
package dev.coffeeshop.messaging.staff;
