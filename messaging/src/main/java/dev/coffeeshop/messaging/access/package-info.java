/**
 * Who may call what, the same in every service: access tokens from the shop's identity provider checked against its
 * published keys, and one table of scopes per endpoint.
 */
@NullMarked
package dev.coffeeshop.messaging.access;

import org.jspecify.annotations.NullMarked;
