package dev.coffeeshop.testsupport.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one way a checked-in contract is written. */
class CanonicalJsonTests {

    @Test
    void writesASchemasTypesInOneOrderWhicheverOrderTheGeneratorChose() {
        // given: the same schema as two generator runs wrote it
        var one = CanonicalJson.read("{\"type\":[\"string\",\"null\"],\"enum\":[\"b\",\"a\"]}");
        var other = CanonicalJson.read("{\"enum\":[\"b\",\"a\"],\"type\":[\"null\",\"string\"]}");

        // when / then: one text; other lists keep their order
        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(other));
        assertThat(CanonicalJson.write(one)).contains("\"b\", \"a\"");
    }

    @Test
    void leavesAPropertyNamedTypeThatIsNotAListOfTypesAlone() {
        // given: a schema's properties holding one called "type"
        var schema = CanonicalJson.read("{\"properties\":{\"type\":{\"type\":\"string\"}}}");

        // when / then
        assertThat(CanonicalJson.sorted(schema)).isEqualTo(schema);
    }
}
