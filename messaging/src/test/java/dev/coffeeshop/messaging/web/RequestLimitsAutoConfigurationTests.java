package dev.coffeeshop.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.unit.DataSize;

class RequestLimitsAutoConfigurationTests {

    final AutoConfigurations limits = AutoConfigurations.of(RequestLimitsAutoConfiguration.class);

    @Test
    void limitsEveryServletWebApplicationWithTheDefaults() {
        new WebApplicationContextRunner().withConfiguration(limits).run(context -> {
            var defaults = context.getBean(HttpLimits.class);
            assertThat(defaults.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(defaults.json().maxNestingDepth()).isEqualTo(32);
            assertThat(defaults.json().maxStringLength()).isEqualTo(65_536);
            assertThat(defaults.json().maxNumberLength()).isEqualTo(100);
            assertThat(defaults.json().maxDocumentLength()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(context.getBean("bodySizeLimit", FilterRegistrationBean.class)
                            .getOrder())
                    .isEqualTo(Integer.MIN_VALUE);
            assertThat(context).hasSingleBean(RequestLimitProblems.class);
            assertThat(context).hasSingleBean(ProblemErrorController.class);
        });
    }

    @Test
    void refusesALimitThatIsNotPositive() {
        new WebApplicationContextRunner()
                .withConfiguration(limits)
                .withPropertyValues("coffeeshop.http.json.max-nesting-depth=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void leavesAnApplicationWithoutAServletWebServerAlone() {
        new ApplicationContextRunner().withConfiguration(limits).run(context -> assertThat(context)
                .doesNotHaveBean(HttpLimits.class));
    }
}
