package io.github.flinklakehouse.connectors.http.response;

import static io.github.flinklakehouse.connectors.http.ApiSamples.read;
import static io.github.flinklakehouse.connectors.http.ApiSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.ApiSamples;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class KecResponseCheckerTest {

    private final KecResponseChecker checker = new KecResponseChecker();
    private final KecRecordExtractor extractor = new KecRecordExtractor("trafficIc");

    @Test
    void trafficIcPageIsDataAndPageSizeIsThePageCount() {
        String body = ApiSamples.kecPage(
                List.of(ApiSamples.kecTrafficIc("101 ", "서울", "1", "1,234", "1300")), 1869, 1, 100, 19);
        assertThat(checker.check(body, tree(body))).isEqualTo(ResponseVerdict.data());
        PageContent page = extractor.extract(tree(body));
        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).path("unitCode").asText()).isEqualTo("101 ");
        assertThat(page.totalPages()).isEqualTo(19);
    }

    @Test
    void recordsUnderListAreFoundToo() {
        String body = read("kec/realFlow_live_sample_20260919_trimmed.json");
        assertThat(checker.check(body, tree(body))).isEqualTo(ResponseVerdict.data());
        PageContent page = extractor.extract(tree(body));
        assertThat(page.items()).extracting(n -> n.path("vdsId").asText()).containsExactly("0010VDE00100", "0010VDS00100");
        assertThat(page.totalPages()).isEqualTo(PageContent.UNKNOWN);
    }

    @Test
    void emptyResultIsDataWithoutItems() {
        assertThat(checker.check(ApiSamples.KEC_EMPTY, tree(ApiSamples.KEC_EMPTY))).isEqualTo(ResponseVerdict.data());
        assertThat(extractor.extract(tree(ApiSamples.KEC_EMPTY)).items()).isEmpty();
    }

    @Test
    void invalidKeyIsAFinalApiError() {
        ResponseVerdict verdict = checker.check(ApiSamples.KEC_INVALID_KEY, tree(ApiSamples.KEC_INVALID_KEY));
        assertThat(verdict)
                .isEqualTo(ResponseVerdict.failure(HttpFailureReason.API_ERROR, "code=ERROR message=인증키가 유효하지 않습니다.", false));
    }

    @Test
    void xmlGatewayErrorIsRecognised() {
        assertThat(checker.check(read(ApiSamples.KMA_INVALID_KEY_XML), null).reason())
                .isEqualTo(HttpFailureReason.GATEWAY_ERROR);
    }
}
