package io.github.flinklakehouse.connectors.http.request;

/** How an endpoint splits a window's result into pages. */
public enum Paging {
    /** One request per window. */
    NONE,
    /** {@code {page}} counts up from 1 until the last page (total pages or count) or an empty page. */
    PAGE_NUMBER,
    /** {@code {cursor}} takes the extractor's next cursor, or the next link replaces the whole URL. */
    CURSOR
}
