package dev.coffeeshop.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two filter chains: the authorization server's endpoints (token, authorize, keys, discovery, user info), and the
 * sign-in form a person reaches from the authorize endpoint. Health is open; nothing else is.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, IdentityProperties properties) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // a browser client's page may read the token endpoint's answer from its own origin (BrowserOrigins)
                .cors(cors -> cors.configurationSource(BrowserOrigins.of(properties)))
                // the user info endpoint takes the access token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                // a browser that is not signed in yet is sent to the form; other clients get the protocol's errors
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http, IdentityProperties properties) throws Exception {
        // a CORS preflight (OPTIONS) of the token endpoint lands here, outside the authorization server's matcher
        http.cors(cors -> cors.configurationSource(BrowserOrigins.of(properties)))
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(EndpointRequest.to("health"), EndpointRequest.toLinks())
                                .permitAll()
                                .requestMatchers("/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.issuer().toString())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    People people(IdentityProperties properties) {
        return new People(properties);
    }

    @Bean
    UserDetailsService userDetailsService(People people, PasswordEncoder encoder) {
        return people.signIns(encoder);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(IdentityProperties properties, PasswordEncoder encoder) {
        return RegisteredClients.of(properties, encoder);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        var key = SigningKey.load(properties.signingKeyFile());
        if (properties.signingKeyFile() == null) {
            log.warn(
                    "No coffeeshop.identity.signing-key-file: signing with a key made for this run (key id {}); every token "
                            + "it signed stops being valid when this process ends",
                    key.getKeyID());
        } else {
            log.info("Signing tokens with the key in {} (key id {})", properties.signingKeyFile(), key.getKeyID());
        }
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(IdentityProperties properties, People people) {
        return new AccessTokenClaims(properties.audience(), people);
    }
}
