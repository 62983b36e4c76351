package dev.coffeeshop.testsupport.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.coffeeshop.events.EventType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas of the events as {@link dev.coffeeshop.events.EventCodec} writes them, made from the records in
 * {@code shared-events} with victools' generator: one schema per record, the types they share ({@code LineItem}, the
 * reasons) once, all under {@code #/components/schemas/}.
 *
 * <p>A field is required when the codec always writes it, which is every field but those left out when empty
 * ({@code @JsonInclude(NON_NULL)}, as {@code OrderPlaced.callbackUrl}): what a consumer can count on finding. Unknown
 * fields are allowed, since consumers ignore them (docs/events.md, "Evolving an event").
 */
final class EventSchemas {

    static final String PATH = "components/schemas";

    /** The payload schema reference of each type, and the schemas they refer to. */
    record Schemas(Map<EventType, ObjectNode> payloads, ObjectNode definitions) {}

    private EventSchemas() {}

    static Schemas of(Collection<EventType> types) {
        SchemaBuilder builder = generator().buildMultipleSchemaDefinitions();
        var payloads = new LinkedHashMap<EventType, ObjectNode>();
        types.stream().sorted().forEach(type -> payloads.put(type, builder.createSchemaReference(type.javaType())));
        return new Schemas(payloads, builder.collectDefinitions(PATH));
    }

    private static SchemaGenerator generator() {
        var config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule())
                .with(Option.FLATTENED_ENUMS, Option.ADDITIONAL_FIXED_TYPES, Option.STANDARD_FORMATS)
                .with(
                        Option.DEFINITIONS_FOR_ALL_OBJECTS,
                        Option.DEFINITION_FOR_MAIN_SCHEMA,
                        Option.PLAIN_DEFINITION_KEYS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withRequiredCheck(field -> {
            JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
            return include == null || include.value() == JsonInclude.Include.ALWAYS;
        });
        return new SchemaGenerator(config.build());
    }
}
