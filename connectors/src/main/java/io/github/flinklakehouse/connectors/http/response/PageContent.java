package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The items of one page and the paging facts the response states.
 *
 * @param items the page's items in response order
 * @param totalPages the number of pages the API reports for the window, or {@link #UNKNOWN}
 * @param nextCursor the cursor or absolute next link for the following page, or null when none
 */
public record PageContent(List<JsonNode> items, int totalPages, String nextCursor) {

    /** {@code totalPages} when the response does not say. */
    public static final int UNKNOWN = -1;

    public PageContent {
        items = List.copyOf(items);
    }

    /** Pages needed for {@code totalCount} items at {@code perPage} items per page, or UNKNOWN. */
    public static int pagesFor(long totalCount, long perPage) {
        if (totalCount < 0 || perPage <= 0) {
            return UNKNOWN;
        }
        return (int) ((totalCount + perPage - 1) / perPage);
    }
}
