package dev.coffeeshop.messaging.logging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every servlet service's requests about an order logged with the order's id ({@link OrderIdFromPath}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
public class LoggingAutoConfiguration {

    /** Early, right after the body size limit, so that even a refusal by a later filter is logged with the id. */
    @Bean
    @ConditionalOnMissingBean(name = "orderIdFromPath")
    FilterRegistrationBean<OrderIdFromPath> orderIdFromPath() {
        var registration = new FilterRegistrationBean<>(new OrderIdFromPath());
        registration.setName("orderIdFromPath");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
