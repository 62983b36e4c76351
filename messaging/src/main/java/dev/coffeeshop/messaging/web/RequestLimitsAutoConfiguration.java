package dev.coffeeshop.messaging.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;

/**
 * The same request limits, the same rate limit per client and the same problem answers in every servlet service that
 * depends on the messaging module; see {@link HttpLimits} for the limits and docs/security.md for what each refusal
 * looks like. It comes before Boot's error MVC configuration so that {@link ProblemErrorController} replaces Boot's
 * error controller.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({OncePerRequestFilter.class, ErrorController.class})
@EnableConfigurationProperties(HttpLimits.class)
public class RequestLimitsAutoConfiguration {

    /** First of all filters, so that nothing reads a body before its size is checked. */
    @Bean
    @ConditionalOnMissingBean(name = "bodySizeLimit")
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(HttpLimits limits) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimit(limits.maxBodySize().toBytes()));
        registration.setName("bodySizeLimit");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Right after Spring Security's filters (at {@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 100}), where a request that
     * carried a valid token has its principal, so that it is counted against its subject rather than its address.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({AtomicRateLimiter.class, Caffeine.class})
    @ConditionalOnBooleanProperty(name = "coffeeshop.http.rate-limit.enabled", matchIfMissing = true)
    static class RateLimits {

        static final int ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 90;

        @Bean
        @ConditionalOnMissingBean(name = "rateLimitPerClient")
        FilterRegistrationBean<RateLimitPerClient> rateLimitPerClient(
                HttpLimits limits, ObjectProvider<MeterRegistry> meters) {
            var registration = new FilterRegistrationBean<>(new RateLimitPerClient(
                    new ClientBudgets(limits.rateLimit()), meters.getIfAvailable(SimpleMeterRegistry::new)));
            registration.setName("rateLimitPerClient");
            registration.setOrder(ORDER);
            return registration;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLimitProblems requestLimitProblems() {
        return new RequestLimitProblems();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonFactoryBuilderCustomizer.class)
    static class JsonLimits {

        /**
         * Runs after Boot's own factory customizer, so these constraints, not {@code
         * spring.jackson.factory.constraints.read.*}, are the ones the services' mapper reads requests with.
         */
        @Bean
        JsonFactoryBuilderCustomizer jsonReadLimits(HttpLimits limits) {
            var json = limits.json();
            var constraints = StreamReadConstraints.builder()
                    .maxNestingDepth(json.maxNestingDepth())
                    .maxStringLength(json.maxStringLength())
                    .maxNumberLength(json.maxNumberLength())
                    .maxDocumentLength(json.maxDocumentLength().toBytes())
                    .build();
            return new OrderedJsonFactoryBuilderCustomizer(builder -> builder.streamReadConstraints(constraints));
        }

        @Bean
        JsonMapperBuilderCustomizer duplicateKeysRefused() {
            return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }
    }

    private record OrderedJsonFactoryBuilderCustomizer(JsonFactoryBuilderCustomizer delegate)
            implements JsonFactoryBuilderCustomizer, Ordered {

        @Override
        public void customize(tools.jackson.core.json.JsonFactoryBuilder builder) {
            delegate.customize(builder);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's own error answers (before any servlet runs) as problems: {@link ProblemReportValve}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }
    }
}
