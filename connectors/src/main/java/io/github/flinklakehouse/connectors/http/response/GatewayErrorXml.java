package io.github.flinklakehouse.connectors.http.response;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads the XML error envelope the data.go.kr gateway answers with HTTP 200 (e.g. for an unknown key). */
final class GatewayErrorXml {

    private GatewayErrorXml() {}

    /** True when the body looks like XML rather than JSON. */
    static boolean looksLikeXml(String body) {
        return body.stripLeading().startsWith("<");
    }

    /** A non-retryable gateway failure naming the gateway's reason code, auth message and error message. */
    static ResponseVerdict toVerdict(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Untrusted input: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body.strip())));
            String message =
                    "returnReasonCode=" + text(doc, "returnReasonCode")
                            + " returnAuthMsg=" + text(doc, "returnAuthMsg")
                            + " errMsg=" + text(doc, "errMsg");
            return ResponseVerdict.failure(HttpFailureReason.GATEWAY_ERROR, message, false);
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
