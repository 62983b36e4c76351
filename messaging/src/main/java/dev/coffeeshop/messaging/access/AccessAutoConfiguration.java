package dev.coffeeshop.messaging.access;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every servlet service that depends on the messaging module is a resource server with the same rules: tokens
 * checked by {@link #jwtDecoder(TokenRules)}, endpoints by {@link AccessRules}, refusals answered by
 * {@link AccessProblems}. No sessions, no cookies, no forms: a request is exactly as good as its token.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({EnableWebSecurity.class, NimbusJwtDecoder.class})
@EnableConfigurationProperties(TokenRules.class)
@EnableWebSecurity
public class AccessAutoConfiguration {

    /**
     * Keys from the provider's JWKS (fetched on the first token, cached, fetched again for a key id it has not
     * seen), then: an allowed algorithm, the issuer, the audience, and the expiry with a small clock skew.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenRules rules) {
        var decoder = NimbusJwtDecoder.withJwkSetUri(rules.keys().toString())
                .jwsAlgorithms(algorithms -> rules.algorithms().stream()
                        .map(SignatureAlgorithm::from)
                        .forEach(algorithms::add))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(rules.clockSkew()),
                new JwtIssuerValidator(rules.issuer().toString()),
                jwt -> audienceOf(jwt).contains(rules.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "The token is not meant for this audience", null)),
                jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank()
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "The token names no subject", null))));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain accessRules(HttpSecurity http, Environment environment) throws Exception {
        var problems = new AccessProblems();
        http.authorizeHttpRequests(requests -> AccessRules.apply(
                        requests, onTheManagementPort(environment), actuatorOnTheManagementPort(environment)))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // staff actions logged with the verified subject, whether allowed or refused
                .addFilterAfter(new StaffAudit(), BearerTokenAuthenticationFilter.class)
                // bearer tokens travel in a header, never in a cookie a browser would send by itself
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    /**
     * A request that came in on the management server's own port: Boot publishes the port it listens on (chosen at
     * start-up where the setting is 0) as {@code local.management.port}. Never true while the actuator shares the
     * public port.
     */
    static RequestMatcher onTheManagementPort(Environment environment) {
        return request -> {
            Integer port = environment.getProperty("local.management.port", Integer.class);
            Integer server = environment.getProperty("local.server.port", Integer.class);
            return port != null && port > 0 && !port.equals(server) && request.getLocalPort() == port;
        };
    }

    /**
     * A request for the actuator on the public port while the actuator lives on a port of its own: there is nothing
     * there, and the caller is told so (404) rather than asked for a token for it.
     */
    static RequestMatcher actuatorOnTheManagementPort(Environment environment) {
        RequestMatcher management = onTheManagementPort(environment);
        return request -> {
            Integer port = environment.getProperty("local.management.port", Integer.class);
            Integer server = environment.getProperty("local.server.port", Integer.class);
            String path = request.getRequestURI();
            return port != null
                    && !port.equals(server)
                    && !management.matches(request)
                    && (path.equals("/actuator") || path.startsWith("/actuator/"));
        };
    }

    private static List<String> audienceOf(Jwt jwt) {
        List<String> audience = jwt.getClaimAsStringList(JwtClaimNames.AUD);
        return audience == null ? List.of() : audience;
    }
}
