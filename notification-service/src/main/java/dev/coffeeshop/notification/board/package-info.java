/**
 * The live pickup board: a page for a screen in the shop showing the orders in preparation and those ready for
 * pickup, kept current through server-sent events that resume after a reconnect from the last change the screen saw.
 * The board follows the notifications table (a trigger numbers each move in {@code board_changes}, see
 * {@code V3__board.sql}), so it shows each order once and never disagrees with what the customers were told. Nothing here is null unless it says so.
 */
@NullMarked
package dev.coffeeshop.notification.board;

import org.jspecify.annotations.NullMarked;
