package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.io.Serializable;

/**
 * Decides whether an HTTP 2xx response is data, "no data" or an error hidden in the body.
 *
 * <p>Public APIs often answer HTTP 200 with an error envelope (data.go.kr even answers XML when JSON was
 * asked), so the status alone cannot be trusted. Called only for 2xx responses whose body is blank, not
 * JSON, or valid JSON; bodies that start like JSON but do not parse never reach the checker.
 */
@FunctionalInterface
public interface ResponseChecker extends Serializable {

    /**
     * Classifies a body.
     *
     * @param body the raw body, possibly empty
     * @param json the parsed body, or null when the body is blank or not JSON (e.g. XML)
     */
    ResponseVerdict check(String body, JsonNode json);

    /** A checker for APIs that signal errors only through the HTTP status: any JSON body is data. */
    static ResponseChecker statusOnly() {
        return (body, json) -> {
            if (json != null) {
                return ResponseVerdict.data();
            }
            return body.isBlank()
                    ? ResponseVerdict.noData()
                    : ResponseVerdict.failure(HttpFailureReason.UNEXPECTED_BODY, "body is not JSON", false);
        };
    }
}
