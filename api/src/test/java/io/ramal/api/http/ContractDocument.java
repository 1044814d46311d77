package io.ramal.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The OpenAPI document as the contract test reads it: operations, their responses, their schemas. */
final class ContractDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    final JsonNode root;
    final SchemaSubset schemas;

    private ContractDocument(JsonNode root) {
        this.root = root;
        this.schemas = new SchemaSubset(root);
    }

    /** The document as packaged (the bytes {@link OpenApiDocument} serves). */
    static ContractDocument packaged() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OpenApiDocument.RESOURCE + " is not on the classpath");
            }
            return new ContractDocument(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every documented operation as {@code "METHOD /path/{param}"}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        root.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(name -> {
            if (METHODS.contains(name)) {
                operations.add(name.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    JsonNode operation(String method, String path) {
        JsonNode operation = root.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError("the document has no " + method + " " + path);
        }
        return operation;
    }

    /** The operation's responses by status, references resolved. */
    Map<Integer, JsonNode> responses(String method, String path) {
        Map<Integer, JsonNode> responses = new LinkedHashMap<>();
        operation(method, path).path("responses").properties().forEach(entry -> {
            JsonNode response = entry.getValue();
            if (response.has("$ref")) {
                response = schemas.resolve(response.get("$ref").asText());
            }
            responses.put(Integer.parseInt(entry.getKey()), response);
        });
        return responses;
    }
}
