package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpPollResult;

/**
 * What the split reader hands to the emitter: the output plus the position that emitting it reaches.
 *
 * @param result the record or dead letter to emit
 * @param page the page it came from
 * @param pageCursor the cursor that fetched that page (null for page-number paging and first pages)
 * @param index the item's index in the page, -1 for a window-level dead letter
 * @param lastOfWindow whether nothing of this window follows it
 */
record PolledElement(HttpPollResult result, int page, String pageCursor, int index, boolean lastOfWindow) {}
