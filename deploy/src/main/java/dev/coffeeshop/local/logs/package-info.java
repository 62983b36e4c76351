/**
 * {@code ./coffeeshop logs}: the local stack's logs merged in time order and written for a person, one order's lines
 * picked out, and the check that no secret, token or card number reached any line. docs/observability.md, "Logs".
 */
package dev.coffeeshop.local.logs;
