package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.response.PageContent;

/**
 * The final result of fetching one page, after retries: data, no data, or a failure to dead-letter.
 *
 * @param kind which of the three
 * @param content the page, for {@code DATA}
 * @param url the redacted request URL
 * @param status the last HTTP status, -1 when none arrived
 * @param reason the failure reason, for {@code FAILED}
 * @param message the failure explanation, for {@code FAILED}
 * @param bodyExcerpt the start of the failing body (redacted), for {@code FAILED}
 */
record PageOutcome(
        Kind kind,
        PageContent content,
        String url,
        int status,
        HttpFailureReason reason,
        String message,
        String bodyExcerpt) {

    enum Kind { DATA, NO_DATA, FAILED }

    static PageOutcome data(PageContent content, String url) {
        return new PageOutcome(Kind.DATA, content, url, 200, null, null, null);
    }

    static PageOutcome noData(String url, int status) {
        return new PageOutcome(Kind.NO_DATA, null, url, status, null, null, null);
    }

    static PageOutcome failed(String url, PageFetchException failure) {
        return new PageOutcome(Kind.FAILED, null, url, failure.status(), failure.reason(), failure.getMessage(),
                failure.bodyExcerpt());
    }
}
