package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class StaffAutoConfigurationTests {

    final AutoConfigurations staff =
            AutoConfigurations.of(StaffAccessAutoConfiguration.class, DeadLettersAutoConfiguration.class);

    @Test
    void guardsEveryStaffPathAndServesTheDeadLettersInAServletWebApplication() {
        new WebApplicationContextRunner()
                .withConfiguration(staff)
                .withBean(DeadLetterTopics.class, () -> new DeadLetterTopics(List.of(), Map.of()))
                .withPropertyValues("coffeeshop.staff.token=s3cret")
                .run(context -> {
                    assertThat(context).hasSingleBean(DeadLettersController.class);
                    FilterRegistrationBean<?> guard = context.getBean("staffAccess", FilterRegistrationBean.class);
                    assertThat(guard.getFilter())
                            .isInstanceOfSatisfying(StaffAccess.class, access -> assertThat(access.enabled())
                                    .isTrue());
                    assertThat(guard.getUrlPatterns()).containsExactly("/staff/*");
                });
    }

    @Test
    void disablesTheStaffEndpointsWhileNoTokenIsConfigured() {
        new WebApplicationContextRunner()
                .withConfiguration(staff)
                .withBean(DeadLetterTopics.class, () -> new DeadLetterTopics(List.of(), Map.of()))
                .run(context -> assertThat(context.getBean("staffAccess", FilterRegistrationBean.class)
                                .getFilter())
                        .isInstanceOfSatisfying(StaffAccess.class, access -> assertThat(access.enabled())
                                .isFalse()));
    }

    @Test
    void leavesAnApplicationWithoutAServletWebServerAlone() {
        new ApplicationContextRunner()
                .withConfiguration(staff)
                .withBean(DeadLetterTopics.class, () -> new DeadLetterTopics(List.of(), Map.of()))
                .run(context -> {
                    assertThat(context).doesNotHaveBean("staffAccess");
                    assertThat(context).doesNotHaveBean(DeadLettersController.class);
                });
    }
}
