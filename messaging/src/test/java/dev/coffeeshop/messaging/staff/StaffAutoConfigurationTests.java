package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class StaffAutoConfigurationTests {

    final AutoConfigurations staff =
            AutoConfigurations.of(StaffAutoConfiguration.class, DeadLettersAutoConfiguration.class);

    @Test
    void servesTheDeadLettersAndTheLedgerProblemsInAServletWebApplication() {
        new WebApplicationContextRunner()
                .withConfiguration(staff)
                .withBean(DeadLetterTopics.class, () -> new DeadLetterTopics(List.of(), Map.of()))
                .run(context -> {
                    assertThat(context).hasSingleBean(DeadLettersController.class);
                    assertThat(context).hasSingleBean(LedgerProblems.class);
                });
    }

    @Test
    void leavesAnApplicationWithoutAServletWebServerAlone() {
        new ApplicationContextRunner()
                .withConfiguration(staff)
                .withBean(DeadLetterTopics.class, () -> new DeadLetterTopics(List.of(), Map.of()))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(LedgerProblems.class);
                    assertThat(context).doesNotHaveBean(DeadLettersController.class);
                });
    }
}
