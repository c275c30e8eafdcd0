package io.github.flinklakehouse.connectors.http.response;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.io.StringReader;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads the XML error envelope the data.go.kr gateway answers with HTTP 200 (e.g. for an unknown key). */
final class GatewayErrorXml {

    /** The gateway's reason codes of a used-up request quota (daily, per second). */
    private static final Set<String> QUOTA_CODES = Set.of("22", "23");

    private GatewayErrorXml() {}

    /** True when the body looks like XML rather than JSON. */
    static boolean looksLikeXml(String body) {
        return body.stripLeading().startsWith("<");
    }

    /**
     * A non-retryable gateway failure naming the gateway's reason code, auth message and error message:
     * {@code QUOTA_EXCEEDED} for a used-up quota (the source polls the window again later), else
     * {@code GATEWAY_ERROR}.
     */
    static ResponseVerdict toVerdict(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Untrusted input: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body.strip())));
            String code = text(doc, "returnReasonCode");
            String message =
                    "returnReasonCode=" + code
                            + " returnAuthMsg=" + text(doc, "returnAuthMsg")
                            + " errMsg=" + text(doc, "errMsg");
            // 22: LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR, 23: ..._PER_SECOND_...: the key's quota.
            return ResponseVerdict.failure(QUOTA_CODES.contains(code) ? HttpFailureReason.QUOTA_EXCEEDED
                    : HttpFailureReason.GATEWAY_ERROR, message, false);
        } catch (Exception e) {
            return ResponseVerdict.failure(
                    HttpFailureReason.GATEWAY_ERROR, "unparseable XML body: " + e.getMessage(), false);
        }
    }

    private static String text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
