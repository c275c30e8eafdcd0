package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/** Knows where an API puts its items and paging facts in a data response. */
@FunctionalInterface
public interface RecordExtractor extends Serializable {

    /**
     * Extracts one page.
     *
     * @param json a body the response checker classified as data
     * @throws IllegalArgumentException when the body does not have the expected shape (becomes an
     *     {@code UNEXPECTED_BODY} dead letter)
     */
    PageContent extract(JsonNode json);
}
