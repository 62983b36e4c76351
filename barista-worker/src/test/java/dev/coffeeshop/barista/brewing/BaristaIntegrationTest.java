package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a real broker and database. Every test class uses exactly this configuration so they share
 * one application context: a second context would join the same consumer group and take partitions, and with them
 * other classes' orders, into a database of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "coffeeshop.barista.preparation-time=0s",
            // the loaded dice decide: the machine breaks down only when a test asks for it
            "coffeeshop.barista.equipment-failure-rate=0.5"
        })
@RealInfrastructure
@Import(LoadedDice.Configuration.class)
@interface BaristaIntegrationTest {}
