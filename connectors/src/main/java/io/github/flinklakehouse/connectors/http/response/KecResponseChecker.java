package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;

/**
 * Classifies responses of the KEC open traffic API (data.ex.co.kr): {@code "code":"SUCCESS"} is data
 * (possibly an empty list), any other code (e.g. an invalid key) is a non-retryable API error.
 */
public final class KecResponseChecker implements ResponseChecker {

    private static final long serialVersionUID = 1L;

    @Override
    public ResponseVerdict check(String body, JsonNode json) {
        if (json == null) {
            if (GatewayErrorXml.looksLikeXml(body)) {
                return GatewayErrorXml.toVerdict(body);
            }
            String problem = body.isBlank() ? "empty body" : "body is neither JSON nor XML";
            return ResponseVerdict.failure(HttpFailureReason.UNEXPECTED_BODY, problem, false);
        }
        String code = json.path("code").asText(null);
        if (code == null) {
            return ResponseVerdict.failure(HttpFailureReason.UNEXPECTED_BODY, "no \"code\" field", false);
        }
        if ("SUCCESS".equals(code)) {
            return ResponseVerdict.data();
        }
        return ResponseVerdict.failure(
                HttpFailureReason.API_ERROR, "code=" + code + " message=" + json.path("message").asText(""), false);
    }
}
