package io.github.flinklakehouse.connectors.http.response;

import static io.github.flinklakehouse.connectors.http.ApiSamples.read;
import static io.github.flinklakehouse.connectors.http.ApiSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.http.ApiSamples;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import org.junit.jupiter.api.Test;

class KmaResponseCheckerTest {

    private final KmaResponseChecker checker = new KmaResponseChecker();
    private final KmaRecordExtractor extractor = new KmaRecordExtractor();

    @Test
    void normalServiceIsDataWithItemsAndPageCount() {
        String body = read(ApiSamples.KMA_VILAGE_FCST);
        assertThat(checker.check(body, tree(body))).isEqualTo(ResponseVerdict.data());
        PageContent page = extractor.extract(tree(body));
        assertThat(page.items()).hasSize(5);
        assertThat(page.items().get(0).path("category").asText()).isEqualTo("TMP");
        // totalCount 809 at numOfRows 5: 161 full pages and one of 4.
        assertThat(page.totalPages()).isEqualTo(162);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void observationSampleHasEightItemsOnOnePage() {
        PageContent page = extractor.extract(tree(read(ApiSamples.KMA_NCST_20200905)));
        assertThat(page.items()).hasSize(8);
        assertThat(page.totalPages()).isEqualTo(1);
    }

    @Test
    void noDataCodeAndEmptyBodyMeanNoData() {
        String body = read(ApiSamples.KMA_NO_DATA);
        assertThat(checker.check(body, tree(body))).isEqualTo(ResponseVerdict.noData());
        assertThat(checker.check("", null)).isEqualTo(ResponseVerdict.noData());
    }

    @Test
    void gatewayXmlWithHttp200IsAFinalGatewayError() {
        ResponseVerdict verdict = checker.check(read(ApiSamples.KMA_INVALID_KEY_XML), null);
        assertThat(verdict.kind()).isEqualTo(ResponseVerdict.Kind.FAILURE);
        assertThat(verdict.reason()).isEqualTo(HttpFailureReason.GATEWAY_ERROR);
        assertThat(verdict.retryable()).isFalse();
        assertThat(verdict.message())
                .isEqualTo("returnReasonCode=30 returnAuthMsg=SERVICE_KEY_IS_NOT_REGISTERED_ERROR errMsg=SERVICE ERROR");
    }

    @Test
    void providerSideErrorCodesAreRetryableOthersAreNot() {
        String dbError = "{\"response\":{\"header\":{\"resultCode\":\"02\",\"resultMsg\":\"DB_ERROR\"}}}";
        String badParams = "{\"response\":{\"header\":{\"resultCode\":\"10\",\"resultMsg\":\"INVALID_REQUEST_PARAMETER_ERROR\"}}}";
        assertThat(checker.check(dbError, tree(dbError)))
                .isEqualTo(ResponseVerdict.failure(HttpFailureReason.API_ERROR, "resultCode=02 resultMsg=DB_ERROR", true));
        assertThat(checker.check(badParams, tree(badParams)).retryable()).isFalse();
    }

    @Test
    void extractorRejectsAnEnvelopeWithoutBody() {
        assertThatThrownBy(() -> extractor.extract(tree(read(ApiSamples.KMA_NO_DATA))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response.body");
    }
}
