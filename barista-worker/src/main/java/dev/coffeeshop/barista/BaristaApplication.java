package dev.coffeeshop.barista;

import dev.coffeeshop.outbox.OutboxConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableConfigurationProperties(BaristaProperties.class)
@Import(OutboxConfiguration.class)
public class BaristaApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaristaApplication.class, args);
    }
}
