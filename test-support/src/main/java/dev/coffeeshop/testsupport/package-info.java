/** Real Kafka and PostgreSQL for tests, started once per test JVM and shared by every test class. */
package dev.coffeeshop.testsupport;
