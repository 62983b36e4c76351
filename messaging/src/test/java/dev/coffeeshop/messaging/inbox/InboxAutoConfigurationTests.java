package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class InboxAutoConfigurationTests {

    final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InboxAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(BindingServiceProperties.class, BindingServiceProperties::new)
            // what Spring Cloud Stream's bindings take their conversions from
            .withBean("integrationConversionService", ConversionService.class, DefaultConversionService::new);

    @Test
    void givesAServiceWithADatabaseAnInboxAndItsPruner() {
        service.withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource()))
                .run(context -> {
                    assertThat(context).hasSingleBean(Inbox.class);
                    assertThat(context).hasSingleBean(InboxPruner.class);
                    assertThat(context.getBean(InboxPruner.class).isRunning()).isTrue();
                    assertThat(context.getBean(InboxProperties.class).prune())
                            .isEqualTo(new InboxProperties.Prune(
                                    true, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(1), 5000));
                });
    }

    @Test
    void leavesPruningOffWhenDisabled() {
        service.withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource()))
                .withPropertyValues("coffeeshop.inbox.prune.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(Inbox.class);
                    assertThat(context).doesNotHaveBean(InboxPruner.class);
                });
    }

    @Test
    void leavesAServiceWithoutADatabaseAlone() {
        service.run(context -> {
            assertThat(context).doesNotHaveBean(Inbox.class);
            assertThat(context).doesNotHaveBean(InboxPruner.class);
        });
    }

    @Test
    void refusesSettingsThatCannotWork() {
        service.withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource()))
                .withPropertyValues("coffeeshop.inbox.prune.batch-size=0")
                .run(context -> assertThat(context).hasFailed());
    }
}
