package io.ramal.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks JSON values against the subset of JSON Schema (2020-12) that our OpenAPI document uses:
 * {@code type} (one or a list), {@code enum}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code allOf}, {@code minimum}, {@code maximum}
 * and local {@code $ref}s ({@code #/components/...}); {@code description}, {@code format},
 * {@code default} and {@code title} are annotations. {@link #unsupportedKeywords()} lists any other
 * keyword the document uses, so the checker can never silently ignore part of the contract.
 *
 * <p>One deliberate strictness beyond JSON Schema: an object whose schema declares
 * {@code properties} (itself or through {@code allOf}) and says nothing about
 * {@code additionalProperties} may not carry other fields. A field the server sends but the
 * document does not describe is a broken contract too.
 */
final class SchemaSubset {

    private static final Set<String> ASSERTIONS = Set.of("type", "enum", "required", "properties",
            "additionalProperties", "items", "allOf", "minimum", "maximum", "$ref");
    private static final Set<String> ANNOTATIONS = Set.of("description", "format", "default", "title");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean",
            "null");

    private final JsonNode document;

    SchemaSubset(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with {@code value} under {@code schema}; empty when it conforms. */
    List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", true, problems);
        return problems;
    }

    /** The target of a local reference such as {@code #/components/schemas/Error}. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode node = document.at(ref.substring(1));
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + ref);
        }
        return node;
    }

    /**
     * Keywords the document's schemas use that this checker does not understand, and references
     * that lead nowhere, each with where it was found.
     */
    List<String> unsupportedKeywords() {
        List<String> found = new ArrayList<>();
        walk(document, "#", found);
        return found;
    }

    private void walk(JsonNode node, String at, List<String> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = at + "/" + field.getKey();
                if (field.getKey().equals("$ref")) {
                    try {
                        resolve(field.getValue().asText());
                    } catch (IllegalArgumentException e) {
                        found.add(path + ": " + e.getMessage());
                    }
                } else if (field.getKey().equals("schema") || at.equals("#/components/schemas")) {
                    audit(field.getValue(), path, found);
                } else {
                    walk(field.getValue(), path, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, found);
            }
        }
    }

    private void audit(JsonNode schema, String at, List<String> found) {
        if (!schema.isObject()) {
            if (!schema.isBoolean()) {
                found.add(at + ": a schema must be an object or a boolean");
            }
            return;
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ASSERTIONS.contains(name) && !ANNOTATIONS.contains(name)) {
                found.add(at + ": unsupported keyword " + name);
            }
        }
        if (schema.has("$ref")) {
            try {
                resolve(schema.get("$ref").asText());
            } catch (IllegalArgumentException e) {
                found.add(at + ": " + e.getMessage());
            }
            for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("$ref") && !ANNOTATIONS.contains(name)) {
                    found.add(at + ": " + name + " beside $ref (use allOf)");
                }
            }
        }
        for (JsonNode type : types(schema)) {
            if (!TYPES.contains(type.asText())) {
                found.add(at + ": unknown type " + type);
            }
        }
        schema.path("properties").properties().forEach(p -> audit(p.getValue(), at + "/properties/" + p.getKey(), found));
        if (schema.has("items")) {
            audit(schema.get("items"), at + "/items", found);
        }
        if (schema.has("additionalProperties")) {
            audit(schema.get("additionalProperties"), at + "/additionalProperties", found);
        }
        for (int i = 0; i < schema.path("allOf").size(); i++) {
            audit(schema.get("allOf").get(i), at + "/allOf/" + i, found);
        }
    }

    private void check(JsonNode schema, JsonNode value, String at, boolean closed, List<String> problems) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                problems.add(at + ": no value is allowed here");
            }
            return;
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, at, closed, problems);
            return;
        }
        for (JsonNode branch : schema.path("allOf")) {
            check(branch, value, at, false, problems);
        }
        List<JsonNode> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> hasType(value, type.asText()))) {
            problems.add(at + ": " + kind(value) + " where " + types + " is expected");
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= sameValue(allowed, value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + ": " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + ": " + value + " is above " + schema.get("maximum"));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", true, problems);
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, at, closed, problems);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, boolean closed, List<String> problems) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                problems.add(at + ": the required field " + name.asText() + " is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode declared = properties.get(field.getKey());
            if (declared != null) {
                check(declared, field.getValue(), at + "." + field.getKey(), true, problems);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), field.getValue(), at + "." + field.getKey(), true, problems);
            }
        }
        if (closed && !saysAdditionalProperties(schema)) {
            declaredProperties(schema).ifPresent(declared -> {
                for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!declared.contains(name)) {
                        problems.add(at + ": the field " + name + " is not in the document");
                    }
                }
            });
        }
    }

    /** The fields a schema declares, itself and through allOf; empty when it declares none (open). */
    private Optional<Set<String>> declaredProperties(JsonNode schema) {
        if (schema.has("$ref")) {
            return declaredProperties(resolve(schema.get("$ref").asText()));
        }
        Set<String> names = new LinkedHashSet<>();
        boolean declares = schema.has("properties");
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode branch : schema.path("allOf")) {
            Optional<Set<String>> inBranch = declaredProperties(branch);
            if (inBranch.isPresent()) {
                declares = true;
                names.addAll(inBranch.get());
            }
        }
        return declares ? Optional.of(names) : Optional.empty();
    }

    private boolean saysAdditionalProperties(JsonNode schema) {
        if (schema.has("$ref")) {
            return saysAdditionalProperties(resolve(schema.get("$ref").asText()));
        }
        if (schema.has("additionalProperties")) {
            return true;
        }
        for (JsonNode branch : schema.path("allOf")) {
            if (saysAdditionalProperties(branch)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<JsonNode> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(types::add);
        } else if (!type.isMissingNode()) {
            types.add(type);
        }
        return types;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().toString();
        };
    }
}
