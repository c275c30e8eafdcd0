package io.github.flinklakehouse.manifests;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Validates documents against one JSON schema (draft 7, as both vendored schemas are written). */
public final class JsonSchemaCheck {

    private final Schema schema;

    /**
     * @param resource where the schema came from: the base its relative {@code $id} resolves against
     * @param schemaNode the schema
     */
    public JsonSchemaCheck(String resource, JsonNode schemaNode) {
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:" + resource), schemaNode);
    }

    /** Every violation, as "{@code <instance location>: <message>}"; empty when the document is valid. */
    public List<String> violations(JsonNode document) {
        return schema.validate(document).stream().map(JsonSchemaCheck::describe).toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}
