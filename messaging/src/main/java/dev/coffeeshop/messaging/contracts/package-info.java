/**
 * The published descriptions of every service's interfaces: the OpenAPI 3.1 document springdoc makes of its HTTP API,
 * with the shop's security scheme and problem responses added here once, and the AsyncAPI 3 document of its topics,
 * served as checked in. How they are kept true and compatible: {@code docs/contracts.md}.
 */
package dev.coffeeshop.messaging.contracts;
