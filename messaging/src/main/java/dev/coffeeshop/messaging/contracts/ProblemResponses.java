package dev.coffeeshop.messaging.contracts;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * The failures of the shop's HTTP APIs in each service's document, as the RFC 9457 problems they are answered with:
 * those every endpoint shares (the token's 401 and 403, the request limits' 400, 413 and 429, the 500 of anything
 * unforeseen), added here by the rules that produce them, and the endpoint's own, named on its handler with
 * {@link ProblemResponse}. Also the security requirement of each operation, from {@link Access}.
 */
class ProblemResponses implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String SCHEMA = "Problem";
    static final String SECURITY_SCHEME = "bearer";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (ProblemResponse problem : handler.getMethod().getAnnotationsByType(ProblemResponse.class)) {
            responses(operation)
                    .addApiResponse(
                            String.valueOf(problem.status()),
                            problem(problem.status(), problem.type(), problem.when()));
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components.addSchemas(SCHEMA, problemSchema()));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Access access = Access.of(method, path);
            if (!access.open()) {
                operation.addSecurityItem(new SecurityRequirement()
                        .addList(SECURITY_SCHEME, access.scope() == null ? List.of() : List.of(access.scope())));
                shared(
                        operation,
                        401,
                        "no access token, or one that is expired, not signed by the shop's identity provider or not meant for the shop");
                shared(
                        operation,
                        403,
                        access.scope() == null
                                ? "always: no token allows this"
                                : "the access token does not carry the scope " + access.scope());
            }
            boolean readsInput = operation.getRequestBody() != null
                    || (operation.getParameters() != null
                            && !operation.getParameters().isEmpty());
            if (readsInput) {
                shared(
                        operation,
                        400,
                        "the request is not valid: the detail (and for a body, errors) says what is wrong");
            }
            if (operation.getRequestBody() != null) {
                shared(operation, 413, "the body is larger than the service accepts (COFFEESHOP_HTTP_MAXBODYSIZE)");
            }
            shared(operation, 429, "the client's request budget for the period is spent; retry after Retry-After");
            shared(operation, 500, "something went wrong on the service's side; the body names no internals");
        }));
    }

    /** Adds a shared failure unless the endpoint described that status itself. */
    private static void shared(Operation operation, int status, String when) {
        ApiResponses responses = responses(operation);
        if (!responses.containsKey(String.valueOf(status))) {
            responses.addApiResponse(String.valueOf(status), problem(status, "about:blank", when));
        }
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    private static ApiResponse problem(int status, String type, String when) {
        HttpStatus known = HttpStatus.resolve(status);
        var example = new LinkedHashMap<String, Object>();
        example.put("type", type);
        example.put("title", known == null ? "Error" : known.getReasonPhrase());
        example.put("status", status);
        example.put("detail", "Answered when " + when + ".");
        return new ApiResponse()
                .description("Answered when " + when + ".")
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
                                        .example(example)));
    }

    /** RFC 9457's members, and the {@code errors} the shop adds for an invalid request. */
    private static Schema<?> problemSchema() {
        var fieldProblem = object().addProperty(
                        "field", string("the field, parameter or header as the client named it"))
                .addProperty("message", string("what is wrong with it"));
        return object().description("An RFC 9457 problem detail, as every failure of the shop's APIs is answered.")
                .addProperty(
                        "type", string("a URI naming the kind of problem; about:blank when the status says it all"))
                .addProperty("title", string("the status's reason phrase, or the kind of problem's title"))
                .addProperty("status", new Schema<>().types(Set.of("integer")).format("int32"))
                .addProperty("detail", string("what went wrong with this request, for a person"))
                .addProperty("instance", string("the path of the request"))
                .addProperty(
                        "errors",
                        new Schema<>()
                                .types(Set.of("array"))
                                .description("for an invalid request: each thing wrong with it")
                                .items(fieldProblem))
                .required(List.of("title", "status"));
    }

    private static Schema<Object> object() {
        return new Schema<>().types(Set.of("object"));
    }

    private static Schema<Object> string(String description) {
        return new Schema<>().types(Set.of("string")).description(description);
    }

    /** For {@link ContractsAutoConfiguration}: the scopes, by name, that the scheme's description lists. */
    static Map<String, String> scopes() {
        var scopes = new LinkedHashMap<String, String>();
        scopes.put(dev.coffeeshop.messaging.access.Scopes.PLACE, "place an order");
        scopes.put(dev.coffeeshop.messaging.access.Scopes.READ, "read one's own orders and their notifications");
        scopes.put(dev.coffeeshop.messaging.access.Scopes.CANCEL, "cancel one's own order");
        scopes.put(dev.coffeeshop.messaging.access.Scopes.STAFF, "the staff endpoints, and every customer's orders");
        return scopes;
    }
}
