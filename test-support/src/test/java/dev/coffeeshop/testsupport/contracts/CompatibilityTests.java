package dev.coffeeshop.testsupport.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each rule of {@link Compatibility} on the smallest documents that show it. */
class CompatibilityTests {

    /** POST /orders reads an order and answers one; both schemas are {@code Order}, with the fields given. */
    static JsonNode http(String version, String order, String orderRequired) {
        return CanonicalJson.read("""
                {"openapi": "3.1.0", "info": {"version": "%s"},
                 "paths": {"/orders": {"post": {
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Request"}}}},
                   "responses": {"202": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                                 "409": {"description": "conflict"}}}}},
                 "components": {"schemas": {
                   "Request": {"type": "object", "properties": {%s}, "required": [%s]},
                   "Order": {"type": "object", "properties": {%s}, "required": [%s]}}}}
                """.formatted(version, order, orderRequired, order, orderRequired));
    }

    /** A service that sends {@code OrderPlaced} with the payload given. */
    static JsonNode events(String version, String payload, String required) {
        return CanonicalJson.read("""
                {"asyncapi": "3.0.0", "info": {"version": "%s"},
                 "channels": {"orders": {"messages": {"OrderPlaced": {"$ref": "#/components/messages/OrderPlaced"}}}},
                 "operations": {"send-orders": {"action": "send", "channel": {"$ref": "#/channels/orders"},
                   "messages": [{"$ref": "#/channels/orders/messages/OrderPlaced"}]}},
                 "components": {"messages": {"OrderPlaced": {"name": "OrderPlaced",
                   "payload": {"$ref": "#/components/schemas/OrderPlaced"}}},
                   "schemas": {"OrderPlaced": {"type": "object", "properties": {%s}, "required": [%s]}}}}
                """.formatted(version, payload, required));
    }

    static final String SIZE = "\"size\": {\"type\": \"string\", \"enum\": [\"small\", \"large\"]}";
    static final String SIZE_NARROWED = "\"size\": {\"type\": \"string\", \"enum\": [\"small\"]}";
    static final String SIZE_WIDENED = "\"size\": {\"type\": \"string\", \"enum\": [\"small\", \"large\", \"huge\"]}";
    static final String DRINK = "\"drink\": {\"type\": \"string\"}";
    static final String NOTE = "\"note\": {\"type\": \"string\"}";

    @Test
    void refusesARemovedField() {
        // given
        var released = http("1.0.0", DRINK + "," + SIZE, "\"drink\"");
        var current = http("1.1.0", DRINK, "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.breaking())
                .contains("POST /orders request body: property size removed")
                .contains("POST /orders response 202: property size removed");
    }

    @Test
    void refusesANarrowedEnumWhereTheServiceReadsIt() {
        // given
        var released = http("1.0.0", DRINK + "," + SIZE, "\"drink\"");
        var current = http("1.0.0", DRINK + "," + SIZE_NARROWED, "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then the request refuses what clients may still send; the response may well stop sending a value
        assertThat(verdict.breaking()).containsExactly("POST /orders request body.size: enum values removed [large]");
        assertThat(verdict.refused()).isTrue();
    }

    @Test
    void acceptsANewEnumValueEverywhere() {
        // given
        var released = http("1.0.0", DRINK + "," + SIZE, "\"drink\"");
        var current = http("1.1.0", DRINK + "," + SIZE_WIDENED, "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.refused()).isFalse();
    }

    @Test
    void refusesANewRequiredFieldInARequestBody() {
        // given
        var released = http("1.0.0", DRINK, "\"drink\"");
        var current = http("1.0.0", DRINK + "," + NOTE, "\"drink\", \"note\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then a response that now always has the field breaks no one
        assertThat(verdict.breaking()).containsExactly("POST /orders request body: property note newly required");
        assertThat(verdict.refused()).isTrue();
    }

    @Test
    void acceptsAnAddedOptionalField() {
        // given
        var released = http("1.0.0", DRINK, "\"drink\"");
        var current = http("1.1.0", DRINK + "," + NOTE, "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.refused()).isFalse();
    }

    @Test
    void refusesAFieldNoLongerAlwaysSent() {
        // given
        var released = http("1.0.0", DRINK + "," + NOTE, "\"drink\", \"note\"");
        var current = http("1.0.0", DRINK + "," + NOTE, "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then a client may now leave it out of a request, but may no longer count on it in the answer
        assertThat(verdict.breaking()).containsExactly("POST /orders response 202: property note no longer required");
    }

    @Test
    void refusesATypeChange() {
        // given
        var released = http("1.0.0", DRINK, "\"drink\"");
        var current = http("1.0.0", "\"drink\": {\"type\": \"integer\"}", "\"drink\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking())
                .contains("POST /orders request body.drink: type changed from [string] to [integer]");
    }

    @Test
    void refusesARemovedOperationButNotARemovedErrorResponse() {
        // given
        var released = http("1.0.0", DRINK, "\"drink\"");
        var withoutConflict =
                CanonicalJson.read(released.toString().replace(",\"409\":{\"description\":\"conflict\"}", ""));
        var withoutOrders = CanonicalJson.read(released.toString().replace("\"/orders\"", "\"/purchases\""));

        // when
        var lessFailure = Compatibility.check(released, withoutConflict);
        var lessApi = Compatibility.check(released, withoutOrders);

        // then
        assertThat(withoutConflict.toString()).doesNotContain("409");
        assertThat(lessFailure.breaking()).isEmpty();
        assertThat(lessApi.breaking()).containsExactly("POST /orders: operation removed");
    }

    @Test
    void acceptsTheSameChangesOnceTheMajorVersionIsRaised() {
        // given
        var released = http("1.4.2", DRINK + "," + SIZE, "\"drink\"");
        var current = http("2.0.0", DRINK + "," + SIZE_NARROWED + "," + NOTE, "\"drink\", \"note\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking()).hasSize(2);
        assertThat(verdict.majorRaised()).isTrue();
        assertThat(verdict.refused()).isFalse();
    }

    @Test
    void refusesANewRequiredFieldInAMessageThatTheTopicsOldRecordsLack() {
        // given
        var released = events("1.0.0", DRINK, "\"drink\"");
        var current = events("1.0.0", DRINK + "," + NOTE, "\"drink\", \"note\"");

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking()).containsExactly("OrderPlaced payload: property note newly required");
        assertThat(verdict.refused()).isTrue();
    }

    @Test
    void refusesARemovedOrNarrowedFieldInAMessageAndAcceptsAnOptionalOne() {
        // given
        var released = events("1.0.0", DRINK + "," + SIZE, "\"drink\"");
        var narrowed = events("1.0.0", DRINK + "," + SIZE_NARROWED, "\"drink\"");
        var removed = events("1.0.0", SIZE, "");
        var added = events("1.1.0", DRINK + "," + SIZE_WIDENED + "," + NOTE, "\"drink\"");

        // then
        assertThat(Compatibility.check(released, narrowed).breaking())
                .containsExactly("OrderPlaced payload.size: enum values removed [large]");
        assertThat(Compatibility.check(released, removed).breaking())
                .containsExactly("OrderPlaced payload: property drink removed");
        assertThat(Compatibility.check(released, added).breaking()).isEmpty();
    }

    @Test
    void refusesAMessageNoLongerSent() {
        // given
        var released = events("1.0.0", DRINK, "\"drink\"");
        var current = CanonicalJson.read(released.toString().replace("\"send-orders\"", "\"send-purchases\""));

        // when
        var verdict = Compatibility.check(released, current);

        // then
        assertThat(verdict.breaking()).containsExactly("operation send-orders: removed");
    }

    @Test
    void judgesAWebhookBodyAsWhatTheServiceSends() {
        // given
        var released = webhook(DRINK + "," + SIZE, "\"drink\"");
        var moreRequired = webhook(DRINK + "," + SIZE + "," + NOTE, "\"drink\", \"note\"");
        var fieldRemoved = webhook(DRINK, "\"drink\"");

        // then receivers get more than before: fine; a field they read is gone: refused
        assertThat(Compatibility.check(released, moreRequired).breaking()).isEmpty();
        assertThat(Compatibility.check(released, fieldRemoved).breaking())
                .containsExactly("webhook orderNotification body: property size removed");
    }

    static JsonNode webhook(String properties, String required) {
        return CanonicalJson.read("""
                {"openapi": "3.1.0", "info": {"version": "1.0.0"}, "paths": {},
                 "webhooks": {"orderNotification": {"post": {"requestBody": {"content": {"application/json": {
                   "schema": {"type": "object", "properties": {%s}, "required": [%s]}}}}}}}}
                """.formatted(properties, required));
    }
}
