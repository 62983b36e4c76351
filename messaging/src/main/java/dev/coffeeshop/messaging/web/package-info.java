/**
 * The limits every service puts on an HTTP request before it reaches a controller, and the answer to every request
 * refused, by them or by the servlet container: an RFC 9457 problem body. See {@link
 * dev.coffeeshop.messaging.web.HttpLimits} and docs/security.md.
 */
package dev.coffeeshop.messaging.web;
