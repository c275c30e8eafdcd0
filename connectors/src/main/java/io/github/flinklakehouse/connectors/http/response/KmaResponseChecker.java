package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.util.Set;

/**
 * Classifies responses of the KMA (data.go.kr) forecast API: {@code resultCode} "00" is data, "03" or an
 * empty body is no data, the gateway's XML envelope and other codes are failures.
 */
public final class KmaResponseChecker implements ResponseChecker {

    private static final long serialVersionUID = 1L;

    /** Errors on the provider's side (application, database, HTTP, service time-out): worth a retry. */
    private static final Set<String> RETRYABLE_CODES = Set.of("01", "02", "04", "05");

    @Override
    public ResponseVerdict check(String body, JsonNode json) {
        if (json == null) {
            if (body.isBlank()) {
                return ResponseVerdict.noData();
            }
            return GatewayErrorXml.looksLikeXml(body)
                    ? GatewayErrorXml.toVerdict(body)
                    : ResponseVerdict.failure(HttpFailureReason.UNEXPECTED_BODY, "body is neither JSON nor XML", false);
        }
        JsonNode header = json.path("response").path("header");
        String code = header.path("resultCode").asText(null);
        if (code == null) {
            return ResponseVerdict.failure(HttpFailureReason.UNEXPECTED_BODY, "no response.header.resultCode", false);
        }
        switch (code) {
            case "00":
                return ResponseVerdict.data();
            case "03":
                return ResponseVerdict.noData();
            default:
                return ResponseVerdict.failure(
                        HttpFailureReason.API_ERROR,
                        "resultCode=" + code + " resultMsg=" + header.path("resultMsg").asText(""),
                        RETRYABLE_CODES.contains(code));
        }
    }
}
