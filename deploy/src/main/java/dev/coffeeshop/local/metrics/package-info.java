/**
 * {@code ./coffeeshop check-metrics}: every metric name the alert rules and the dashboards under
 * {@code deploy/observability} read, checked against what a running stack's services expose.
 */
package dev.coffeeshop.local.metrics;
