package dev.coffeeshop.intake;

import dev.coffeeshop.intake.menu.Menu;
import dev.coffeeshop.messaging.tracing.Traceparents;
import dev.coffeeshop.outbox.OutboxConfiguration;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(OutboxConfiguration.class)
@EnableScheduling
public class OrderIntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderIntakeApplication.class, args);
    }

    @Bean
    Menu menu() {
        return Menu.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The trace context stored with payment actions and continued when they are carried out (docs/observability.md). */
    @Bean
    Traceparents traceparents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return Traceparents.of(tracer, propagator);
    }
}
