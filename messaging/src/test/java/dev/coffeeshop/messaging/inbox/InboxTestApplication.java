package dev.coffeeshop.messaging.inbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A service with a database, Flyway and the Kafka binder, as the consuming services are; nothing scanned. */
@SpringBootConfiguration
@EnableAutoConfiguration
class InboxTestApplication {}
