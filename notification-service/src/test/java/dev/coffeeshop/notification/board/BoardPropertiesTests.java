package dev.coffeeshop.notification.board;

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

/** The board's settings: one default each, in {@link BoardProperties}, set through the documented variables. */
class BoardPropertiesTests {

    @Test
    void takesHowLongReadyOrdersStayFromItsDocumentedVariable() {
        // given
        Map<String, Object> environment = Map.of("COFFEESHOP_BOARD_READY_SHOWN_FOR", "3m");

        // when
        BoardProperties properties = bind(environment, true);

        // then
        assertThat(properties.readyShownFor()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void leavesHowLongReadyOrdersStayToTheRecordsDefault() {
        // given
        Map<String, Object> nothingSet = Map.of();

        // when
        BoardProperties withApplicationYml = bind(nothingSet, true);
        BoardProperties recordDefaults = bind(nothingSet, false);

        // then: application.yml states no value of its own that could disagree with the record's default
        assertThat(withApplicationYml).isEqualTo(recordDefaults);
    }

    private static BoardProperties bind(Map<String, Object> environment, boolean withApplicationYml) {
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
        var bound = new BoardProperties[1];
        runner.run(context -> bound[0] = context.getBean(BoardProperties.class));
        return bound[0];
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BoardProperties.class)
    static class Enabled {}
}
