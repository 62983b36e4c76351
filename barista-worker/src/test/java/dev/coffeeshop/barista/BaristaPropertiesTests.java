package dev.coffeeshop.barista;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The baristas' settings: one default each, in {@link BaristaProperties}, set through the documented variables. */
class BaristaPropertiesTests {

    @Test
    void takesThePreparationTimeAndFailureRateFromTheirDocumentedVariables() {
        // given
        var environment = Map.<String, Object>of(
                "COFFEESHOP_BARISTA_PREPARATION_TIME", "150ms",
                "COFFEESHOP_BARISTA_EQUIPMENT_FAILURE_RATE", "0.25");

        // when
        BaristaProperties properties = bind(environment, true);

        // then
        assertThat(properties.preparationTime()).isEqualTo(Duration.ofMillis(150));
        assertThat(properties.equipmentFailureRate()).isEqualTo(0.25);
    }

    @Test
    void leavesThePreparationTimeAndFailureRateToTheRecordsDefaults() {
        // given
        Map<String, Object> nothingSet = Map.of();

        // when
        BaristaProperties withApplicationYml = bind(nothingSet, true);
        BaristaProperties recordDefaults = bind(nothingSet, false);

        // then: application.yml states no value of its own that could disagree with the record's default
        assertThat(withApplicationYml.preparationTime()).isEqualTo(recordDefaults.preparationTime());
        assertThat(withApplicationYml.equipmentFailureRate()).isEqualTo(recordDefaults.equipmentFailureRate());
    }

    private static BaristaProperties bind(Map<String, Object> environment, boolean withApplicationYml) {
        var runner = new ApplicationContextRunner()
                // the variables stand in for the process environment, under the name Spring gives it, so they are
                // mapped as environment variables are
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .replace(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .withUserConfiguration(Enabled.class);
        if (withApplicationYml) {
            runner = runner.withInitializer(new ConfigDataApplicationContextInitializer());
        }
        var bound = new BaristaProperties[1];
        runner.run(context -> bound[0] = context.getBean(BaristaProperties.class));
        return bound[0];
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BaristaProperties.class)
    static class Enabled {}
}
