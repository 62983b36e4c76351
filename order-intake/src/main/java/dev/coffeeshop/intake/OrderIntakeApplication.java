package dev.coffeeshop.intake;

import dev.coffeeshop.intake.menu.Menu;
import dev.coffeeshop.outbox.OutboxConfiguration;
import java.time.Clock;
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
}
