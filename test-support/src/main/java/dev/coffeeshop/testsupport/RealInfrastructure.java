package dev.coffeeshop.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test context against the shared Kafka broker and a PostgreSQL database of its own. Embedded (the
 * default): sets {@code spring.datasource.*} and {@code KAFKA_BOOTSTRAP_SERVERS}, which the services' configuration
 * reads. Containers ({@code COFFEESHOP_TEST_INFRASTRUCTURE=containers}): Spring Boot's connection details instead, the
 * Kafka container as a {@code @ServiceConnection} and the context's database as {@code JdbcConnectionDetails}; see
 * {@link RealInfrastructureInitializer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {}
