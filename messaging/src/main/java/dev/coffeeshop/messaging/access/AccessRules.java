package dev.coffeeshop.messaging.access;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one table of who may call what, for every service: an endpoint not in it is refused to everyone, so a new
 * endpoint is closed until it is given a line here.
 *
 * <table>
 *   <caption>Endpoints and the scope each needs</caption>
 *   <tr><th>endpoint</th><th>needs</th></tr>
 *   <tr><td>the probes ({@code /livez}, {@code /readyz}, health), {@code GET /menu}, the pickup board,
 *       the interface descriptions ({@code /openapi}, {@code /asyncapi}), {@code /error}</td><td>nothing</td></tr>
 *   <tr><td>the operator's order page ({@code GET /operator}, {@code GET /operator/sign-in})</td>
 *       <td>nothing: what the page asks for needs {@value Scopes#STAFF}</td></tr>
 *   <tr><td>anything on the management port</td><td>nothing: the network keeps it to monitoring</td></tr>
 *   <tr><td>{@code POST /orders}</td><td>{@value Scopes#PLACE}</td></tr>
 *   <tr><td>{@code POST /orders/{id}/cancel}</td><td>{@value Scopes#CANCEL}</td></tr>
 *   <tr><td>{@code GET /orders/**}</td><td>{@value Scopes#READ} (whose order it is, the service decides)</td></tr>
 *   <tr><td>{@code /staff/**}, the other actuator endpoints where they share the public port</td>
 *       <td>{@value Scopes#STAFF}</td></tr>
 * </table>
 *
 * <p>The pickup board is public on purpose, as the screen above a counter is: it shows only what a customer chose to
 * be called by, never an order's contents or a payment.
 */
public final class AccessRules {

    private AccessRules() {}

    /**
     * Applies the table to a filter chain's request authorization. {@code managementPort} tells a request that came in
     * on the management port (a port of its own, {@code management.server.port}), which answers metrics without a
     * token because only the monitoring network reaches it; {@code actuatorElsewhere} a request for the actuator on
     * the public port while it lives on the management port, where there is nothing to protect.
     */
    public static void apply(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests,
            RequestMatcher managementPort,
            RequestMatcher actuatorElsewhere) {
        requests.requestMatchers(managementPort)
                .permitAll()
                // not served on this port: the caller gets the 404 of any unknown path, not a request for a token
                .requestMatchers(actuatorElsewhere)
                .permitAll()
                .requestMatchers(EndpointRequest.to("health"))
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/livez", "/readyz")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/menu", "/board", "/board/events")
                .permitAll()
                // the operator's order page and how it signs in: they hold nothing, what they ask for needs a token
                .requestMatchers(HttpMethod.GET, "/operator", "/operator/sign-in")
                .permitAll()
                // the descriptions of the HTTP API and of the events, for any client (docs/contracts.md)
                .requestMatchers(HttpMethod.GET, "/openapi", "/openapi.yaml", "/asyncapi")
                .permitAll()
                .requestMatchers("/error")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/orders")
                .hasAuthority(Scopes.authority(Scopes.PLACE))
                .requestMatchers(HttpMethod.POST, "/orders/*/cancel")
                .hasAuthority(Scopes.authority(Scopes.CANCEL))
                .requestMatchers(HttpMethod.GET, "/orders/**")
                .hasAuthority(Scopes.authority(Scopes.READ))
                .requestMatchers("/staff/**")
                .hasAuthority(Scopes.authority(Scopes.STAFF))
                .requestMatchers(EndpointRequest.toAnyEndpoint())
                .hasAuthority(Scopes.authority(Scopes.STAFF))
                .anyRequest()
                .denyAll();
    }
}
