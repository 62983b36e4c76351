package dev.coffeeshop.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test context against the shared Kafka broker and a PostgreSQL database of its own: sets
 * {@code spring.datasource.*} and {@code KAFKA_BOOTSTRAP_SERVERS}, which the services' configuration reads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {}
