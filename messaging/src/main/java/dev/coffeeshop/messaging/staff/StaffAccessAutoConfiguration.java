package dev.coffeeshop.messaging.staff;

import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /staff/**} in every servlet web application that depends on the messaging module; see
 * {@link StaffAccess}. A service's own staff endpoints need nothing more than a mapping under {@code /staff/}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
public class StaffAccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "staffAccess")
    FilterRegistrationBean<StaffAccess> staffAccess(Environment environment) {
        var guard = new StaffAccess(environment.getProperty(StaffAccess.TOKEN_PROPERTY));
        if (!guard.enabled()) {
            LoggerFactory.getLogger(StaffAccess.class)
                    .info(
                            "No {} (COFFEESHOP_STAFF_TOKEN) configured: the /staff endpoints answer 404",
                            StaffAccess.TOKEN_PROPERTY);
        }
        var registration = new FilterRegistrationBean<>(guard);
        registration.setName("staffAccess");
        registration.setUrlPatterns(List.of(StaffAccess.URL_PATTERN));
        registration.setOrder(StaffAccess.ORDER);
        return registration;
    }

    /** The answer to a ledger page asked for with bad parameters, for every service's staff ledgers. */
    @Bean
    @ConditionalOnMissingBean
    LedgerProblems ledgerProblems() {
        return new LedgerProblems();
    }
}
