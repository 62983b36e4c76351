package dev.coffeeshop.testsupport.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.coffeeshop.events.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas the AsyncAPI documents give the events accept every event the codec writes: each of shared-events'
 * golden files (read from that module's test resources, beside this one in the repository) is valid against the
 * schema generated for its type. So the golden files prove the generated schemas on real examples, and the schemas,
 * checked for compatibility release to release, guard the records the golden files pin.
 */
class EventSchemasTests {

    static final Path GOLDEN = Path.of("../shared-events/src/test/resources/events");

    /** A newer producer's reason, which v1's schema does not list and consumers read as UNKNOWN. */
    static final String FROM_A_NEWER_PRODUCER = "OrderRejected.v1.future-reason.json";

    static final EventSchemas.Schemas schemas = EventSchemas.of(EnumSet.allOf(EventType.class));

    static Stream<String> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void acceptsWhatTheCodecWrites(String file) throws IOException {
        // given
        JsonNode event = CanonicalJson.read(Files.readString(GOLDEN.resolve(file)));

        // when
        List<Error> errors = schemaOf(typeOf(file)).validate(event);

        // then
        if (file.equals(FROM_A_NEWER_PRODUCER)) {
            assertThat(errors).extracting(Error::getMessage).anyMatch(message -> message.contains("enum"));
        } else {
            assertThat(errors).as(file).isEmpty();
        }
    }

    @Test
    void refusesAnEventWithoutAFieldItsProducerAlwaysWrites() throws IOException {
        // given
        var event = (ObjectNode) CanonicalJson.read(Files.readString(GOLDEN.resolve("OrderPlaced.v1.json")));
        event.remove("totalCents");

        // when
        List<Error> errors = schemaOf(EventType.ORDER_PLACED).validate(event);

        // then
        assertThat(errors).extracting(Error::getMessage).anyMatch(message -> message.contains("totalCents"));
    }

    @Test
    void leavesOutOfTheRequiredFieldsThoseTheCodecOmitsWhenEmpty() {
        // when
        JsonNode required = schemas.definitions().path("OrderPlaced").path("required");

        // then
        assertThat(required.toString())
                .contains("\"orderId\"")
                .doesNotContain("callbackUrl")
                .doesNotContain("customer\"");
    }

    private static EventType typeOf(String file) {
        String name = file.substring(0, file.indexOf('.'));
        return EnumSet.allOf(EventType.class).stream()
                .filter(type -> type.javaType().getSimpleName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event type for " + file));
    }

    /** The type's payload schema with the definitions it refers to, where its {@code $ref}s point. */
    private static Schema schemaOf(EventType type) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set(
                "allOf",
                JsonNodeFactory.instance.arrayNode().add(schemas.payloads().get(type)));
        document.set("components", JsonNodeFactory.instance.objectNode().set("schemas", schemas.definitions()));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(document);
    }
}
