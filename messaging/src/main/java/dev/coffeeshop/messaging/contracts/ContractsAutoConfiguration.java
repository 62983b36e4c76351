package dev.coffeeshop.messaging.contracts;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Every servlet service describes its interfaces the same way: springdoc's OpenAPI document at {@value #OPENAPI_PATH}
 * with the shop's title, version, security scheme and problem responses, and the checked-in AsyncAPI document at
 * {@value #ASYNCAPI_PATH}. Both on the public port, open to anyone like the menu: they are for the clients.
 */
@AutoConfiguration(beforeName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ContractsProperties.class)
public class ContractsAutoConfiguration {

    /** Where the OpenAPI document is served; the services set {@code springdoc.api-docs.path} to it. */
    public static final String OPENAPI_PATH = "/openapi";

    /** Where the AsyncAPI document is served. */
    public static final String ASYNCAPI_PATH = "/asyncapi";

    /** The checked-in AsyncAPI document, in the service's jar. */
    public static final String ASYNCAPI_RESOURCE = "contracts/asyncapi.json";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SpringDocConfiguration.class)
    static class OpenApiDescription {

        /**
         * The document's frame. The server is the relative {@code /}: the document is the same wherever it is read
         * (and so can be checked in), and a client resolves it against the address it fetched the document from.
         */
        @Bean
        @ConditionalOnMissingBean
        OpenAPI openApi(Environment environment, ContractsProperties versions) {
            String service = environment.getProperty("spring.application.name", "service");
            String scopes = ProblemResponses.scopes().entrySet().stream()
                    .map(scope -> "`" + scope.getKey() + "`: " + scope.getValue())
                    .collect(Collectors.joining("; "));
            return new OpenAPI()
                    .info(new Info()
                            .title(service)
                            .version(versions.httpApiVersion())
                            .description("The HTTP API of the coffee shop's " + service + ". Every failure is an"
                                    + " RFC 9457 problem (application/problem+json). Its events: " + ASYNCAPI_PATH
                                    + "."))
                    .addServersItem(new Server().url("/"))
                    .components(new Components()
                            .addSecuritySchemes(
                                    ProblemResponses.SECURITY_SCHEME,
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.HTTP)
                                            .scheme("bearer")
                                            .bearerFormat("JWT")
                                            .description("An access token (RS256 JWT) from the shop's identity"
                                                    + " provider, audience `coffeeshop`; each operation names the"
                                                    + " scope it needs. Scopes: " + scopes + ".")));
        }

        @Bean
        ProblemResponses problemResponses() {
            return new ProblemResponses();
        }
    }

    @Bean
    @ConditionalOnResource(resources = "classpath:" + ASYNCAPI_RESOURCE)
    AsyncApiController asyncApiController() throws IOException {
        return new AsyncApiController(new ClassPathResource(ASYNCAPI_RESOURCE));
    }
}
