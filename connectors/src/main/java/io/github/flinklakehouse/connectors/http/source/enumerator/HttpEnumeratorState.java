package io.github.flinklakehouse.connectors.http.source.enumerator;

import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.util.List;
import java.util.Map;

/**
 * The enumerator's checkpoint: per endpoint the start of the next window not yet created, and the created
 * windows not yet assigned. Windows before the first and not pending were handed to readers, whose own
 * checkpoints hold them until they are finished.
 *
 * @param nextWindowStartMs per endpoint id, the start of the next window to create
 * @param pendingSplits windows created but not assigned, in assignment order
 */
public record HttpEnumeratorState(Map<String, Long> nextWindowStartMs, List<HttpWindowSplit> pendingSplits) {

    public HttpEnumeratorState {
        nextWindowStartMs = Map.copyOf(nextWindowStartMs);
        pendingSplits = List.copyOf(pendingSplits);
    }
}
