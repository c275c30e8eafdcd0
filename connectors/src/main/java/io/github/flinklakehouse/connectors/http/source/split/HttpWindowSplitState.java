package io.github.flinklakehouse.connectors.http.source.split;

/** The mutable emit position of a split a reader is working on; snapshotted as a {@link HttpWindowSplit}. */
public final class HttpWindowSplitState {

    private final HttpWindowSplit initial;
    private int page;
    private String cursor;
    private int recordsToSkip;
    private boolean done;

    public HttpWindowSplitState(HttpWindowSplit split) {
        this.initial = split;
        this.page = split.page();
        this.cursor = split.cursor();
        this.recordsToSkip = split.recordsToSkip();
        this.done = split.done();
    }

    /** Records that the item at {@code index} of {@code page} (fetched with {@code cursor}) was emitted. */
    public void emitted(int page, String cursor, int index) {
        this.page = page;
        this.cursor = cursor;
        this.recordsToSkip = index + 1;
    }

    /** Records that the window's last record or its dead letter was emitted. */
    public void markDone() {
        this.done = true;
    }

    /** The position as an immutable split for checkpoints. */
    public HttpWindowSplit toSplit() {
        return new HttpWindowSplit(initial.endpointId(), initial.windowStartMs(), initial.windowEndMs(),
                page, cursor, recordsToSkip, done);
    }
}
