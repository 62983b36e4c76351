package dev.coffeeshop.messaging.access;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The one table of who may call what, for every service: an endpoint not in it is refused to everyone, so a new
 * endpoint is closed until it is given a line here.
 *
 * <table>
 *   <caption>Endpoints and the scope each needs</caption>
 *   <tr><th>endpoint</th><th>needs</th></tr>
 *   <tr><td>health (liveness, readiness), {@code GET /menu}, the pickup board, {@code /error}</td><td>nothing</td></tr>
 *   <tr><td>{@code POST /orders}</td><td>{@value Scopes#PLACE}</td></tr>
 *   <tr><td>{@code POST /orders/{id}/cancel}</td><td>{@value Scopes#CANCEL}</td></tr>
 *   <tr><td>{@code GET /orders/**}</td><td>{@value Scopes#READ} (whose order it is, the service decides)</td></tr>
 *   <tr><td>{@code /staff/**}, the other actuator endpoints</td><td>{@value Scopes#STAFF}</td></tr>
 * </table>
 *
 * <p>The pickup board is public on purpose, as the screen above a counter is: it shows only what a customer chose to
 * be called by, never an order's contents or a payment.
 */
public final class AccessRules {

    private AccessRules() {}

    /** Applies the table to a filter chain's request authorization. */
    public static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(EndpointRequest.to("health"))
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/menu", "/board", "/board/events")
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
