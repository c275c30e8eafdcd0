package io.github.flinklakehouse.connectors.http;

/**
 * One record polled from an HTTP API: the raw JSON text of a single item and exactly where it came from.
 *
 * <p>The position ({@code endpointId}, window, {@code page}, {@code index}) is unique per record, which is
 * what makes the source exactly once per position. A Java record, so Flink serialises it with its POJO
 * serializer (no Kryo).
 *
 * @param endpointId the configured endpoint id
 * @param windowStartMs inclusive start of the polled time window, epoch milliseconds
 * @param windowEndMs exclusive end of the polled time window, epoch milliseconds
 * @param page the page number (page-number paging) or the 1-based page sequence (cursor paging)
 * @param index the 0-based position of the item within its page
 * @param json the item as compact JSON text
 */
public record HttpRecord(String endpointId, long windowStartMs, long windowEndMs, int page, int index, String json) {}
