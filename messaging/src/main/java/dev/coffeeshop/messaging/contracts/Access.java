package dev.coffeeshop.messaging.contracts;

import dev.coffeeshop.messaging.access.Scopes;
import io.swagger.v3.oas.models.PathItem;
import java.util.List;
import org.springframework.util.AntPathMatcher;

/**
 * What the document says an operation needs, read off the same table {@link dev.coffeeshop.messaging.access.AccessRules}
 * enforces. Written out a second time because the rules are request matchers, which cannot be asked about a path
 * template; every service's {@code ContractsTests} calls each documented operation without a token and fails where
 * this and the rules disagree.
 *
 * @param open needs no token
 * @param scope the scope a token must carry; null where the operation is open, or refused to everyone
 */
record Access(boolean open, String scope) {

    static final Access OPEN = new Access(true, null);
    static final Access REFUSED = new Access(false, null);

    private static final AntPathMatcher paths = new AntPathMatcher();

    private record Rule(PathItem.HttpMethod method, String pattern, Access access) {}

    private static final List<Rule> RULES = List.of(
            new Rule(PathItem.HttpMethod.GET, "/menu", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/board", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/board/events", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/operator", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/operator/sign-in", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/livez", OPEN),
            new Rule(PathItem.HttpMethod.GET, "/readyz", OPEN),
            new Rule(PathItem.HttpMethod.GET, ContractsAutoConfiguration.OPENAPI_PATH, OPEN),
            new Rule(PathItem.HttpMethod.GET, ContractsAutoConfiguration.OPENAPI_PATH + ".yaml", OPEN),
            new Rule(PathItem.HttpMethod.GET, ContractsAutoConfiguration.ASYNCAPI_PATH, OPEN),
            new Rule(PathItem.HttpMethod.POST, "/orders", needs(Scopes.PLACE)),
            new Rule(PathItem.HttpMethod.POST, "/orders/*/cancel", needs(Scopes.CANCEL)),
            new Rule(PathItem.HttpMethod.GET, "/orders/**", needs(Scopes.READ)),
            new Rule(null, "/staff/**", needs(Scopes.STAFF)));

    static Access needs(String scope) {
        return new Access(false, scope);
    }

    /** The access {@code method} on the path template {@code path} ({@code /orders/{id}}) needs. */
    static Access of(PathItem.HttpMethod method, String path) {
        String concrete = path.replaceAll("\\{[^/}]+}", "x");
        return RULES.stream()
                .filter(rule -> rule.method() == null || rule.method() == method)
                .filter(rule -> paths.match(rule.pattern(), concrete))
                .map(Rule::access)
                .findFirst()
                .orElse(REFUSED);
    }
}
