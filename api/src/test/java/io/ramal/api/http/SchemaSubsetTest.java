package io.ramal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The schema checker of the contract test catches what it claims to catch. */
class SchemaSubsetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final SchemaSubset schemas = new SchemaSubset(json("""
            {'components': {'schemas': {
              'Error': {'type': 'object', 'required': ['code', 'message'],
                        'properties': {'code': {'type': 'string'}, 'message': {'type': 'string'}}},
              'Listed': {'type': 'object', 'required': ['items', 'next'],
                         'properties': {'items': {'type': 'array', 'items': {'$ref': '#/components/schemas/Error'}},
                                        'next': {'type': ['integer', 'null'], 'minimum': 1}}},
              'Open': {'type': 'object', 'additionalProperties': {'type': 'string'}}
            }}}"""));

    private JsonNode ref(String name) {
        return json("{'$ref': '#/components/schemas/" + name + "'}");
    }

    private static JsonNode narrowed(String... codes) {
        return json("{'allOf': [{'$ref': '#/components/schemas/Error'}, {'properties': {'code': {'enum': ['"
                + String.join("', '", codes) + "']}}}]}");
    }

    @Test
    void acceptsAConformingValue() {
        assertThat(schemas.problems(ref("Listed"), json("{'items': [{'code': 'a', 'message': 'b'}], 'next': null}")))
                .isEmpty();
        assertThat(schemas.problems(narrowed("forbidden"), json("{'code': 'forbidden', 'message': 'no'}"))).isEmpty();
    }

    @Test
    void reportsAMissingRequiredFieldAndAWrongType() {
        assertThat(schemas.problems(ref("Listed"), json("{'items': [{'code': 1, 'message': 'b'}]}")))
                .containsExactlyInAnyOrder("$: the required field next is missing",
                        "$.items[0].code: a number where [\"string\"] is expected");
    }

    @Test
    void reportsAFieldTheDocumentDoesNotDescribe() {
        assertThat(schemas.problems(narrowed("forbidden"),
                json("{'code': 'forbidden', 'message': 'no', 'stack': 'x'}")))
                .containsExactly("$: the field stack is not in the document");
        assertThat(schemas.problems(ref("Open"), json("{'anything': 'goes'}"))).isEmpty();
        assertThat(schemas.problems(ref("Open"), json("{'anything': 5}"))).hasSize(1);
    }

    @Test
    void reportsACodeOutsideTheEnumAndANumberBelowTheMinimum() {
        assertThat(schemas.problems(narrowed("forbidden"), json("{'code': 'teapot', 'message': 'no'}")))
                .containsExactly("$.code: \"teapot\" is not one of [\"forbidden\"]");
        assertThat(schemas.problems(ref("Listed"), json("{'items': [], 'next': 0}")))
                .containsExactly("$.next: 0 is below 1");
    }

    @Test
    void listsKeywordsItDoesNotUnderstandAndReferencesThatLeadNowhere() {
        SchemaSubset odd = new SchemaSubset(json("""
                {'paths': {'/x': {'get': {'responses': {
                  '200': {'content': {'application/json': {'schema': {'oneOf': [{'type': 'string'}]}}}},
                  '404': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Missing'}}}}
                }}}}}"""));

        assertThat(odd.unsupportedKeywords()).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).endsWith("/200/content/application/json/schema: unsupported keyword oneOf"),
                problem -> assertThat(problem).endsWith("unresolved reference #/components/schemas/Missing"));
    }
}
