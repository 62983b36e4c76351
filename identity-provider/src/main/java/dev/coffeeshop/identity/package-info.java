/**
 * Who is calling: the shop's OAuth 2.1 / OpenID Connect authorization server. It knows the shop's clients (the
 * customers' app, the tools, the operators) and its people (customers and staff), and signs the access tokens that
 * every service checks against its published keys. It holds no orders and talks to no broker.
 */
@NullMarked
package dev.coffeeshop.identity;

import org.jspecify.annotations.NullMarked;
