package dev.coffeeshop.messaging.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

class LoggingAutoConfigurationTests {

    final AutoConfigurations logging = AutoConfigurations.of(LoggingAutoConfiguration.class);

    @Test
    void logsEveryServletServicesRequestsAboutAnOrderWithItsIdFromTheStart() {
        new WebApplicationContextRunner().withConfiguration(logging).run(context -> {
            var filter = context.getBean("orderIdFromPath", FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(OrderIdFromPath.class);
            assertThat(filter.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 1);
        });
    }

    @Test
    void leavesAnApplicationWithoutAServletWebServerAlone() {
        new ApplicationContextRunner().withConfiguration(logging).run(context -> assertThat(context)
                .doesNotHaveBean("orderIdFromPath"));
    }
}
