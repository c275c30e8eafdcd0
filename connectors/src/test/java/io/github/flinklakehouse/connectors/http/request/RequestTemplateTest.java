package io.github.flinklakehouse.connectors.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.http.response.KmaRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KmaResponseChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTemplateTest {

    @TempDir Path dir;

    private HttpEndpoint kma(Path keyFile) {
        return HttpEndpoint.builder("kma-ncst")
                .baseUrl("http://apis.data.go.kr/1360000/VilageFcstInfoService_2.0")
                .path("/getUltraSrtNcst")
                .query("serviceKey", "{secret:kma}")
                .query("pageNo", "{page}")
                .query("numOfRows", "10")
                .query("dataType", "JSON")
                .query("base_date", "{from:yyyyMMdd}")
                .query("base_time", "{from:HHmm}")
                .query("nx", "59")
                .query("ny", "123")
                .zone(ZoneId.of("Asia/Seoul"))
                .secret("kma", HttpSecret.fromFile(keyFile))
                .paging(Paging.PAGE_NUMBER)
                .checker(new KmaResponseChecker())
                .extractor(new KmaRecordExtractor())
                .build();
    }

    @Test
    void rendersWindowInItsZoneAndRedactsTheKey() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "s3cr+t/key==\n");
        RequestTemplate template = new RequestTemplate(kma(key));
        long from = Instant.parse("2020-09-04T23:00:00Z").toEpochMilli(); // 08:00 KST on 5 September
        RenderedRequest request = template.render(from, from + 3_600_000, 2, null);

        assertThat(request.uri().toString())
                .isEqualTo("http://apis.data.go.kr/1360000/VilageFcstInfoService_2.0/getUltraSrtNcst?serviceKey=s3cr%2Bt%2Fkey%3D%3D"
                        + "&pageNo=2&numOfRows=10&dataType=JSON&base_date=20200905&base_time=0800&nx=59&ny=123");
        assertThat(request.redactedUrl())
                .isEqualTo("http://apis.data.go.kr/1360000/VilageFcstInfoService_2.0/getUltraSrtNcst?serviceKey=***"
                        + "&pageNo=2&numOfRows=10&dataType=JSON&base_date=20200905&base_time=0800&nx=59&ny=123");
        assertThat(request.toString()).doesNotContain("s3cr");
    }

    @Test
    void cursorParameterIsLeftOutOnTheFirstPageAndNextLinksAreUsedAsTheyAre() {
        HttpEndpoint endpoint = HttpEndpoint.builder("cursor-api")
                .baseUrl("http://example.test/")
                .path("/events")
                .query("since", "{from}")
                .query("after", "{cursor}")
                .paging(Paging.CURSOR)
                .extractor(json -> null)
                .build();
        RequestTemplate template = new RequestTemplate(endpoint);
        long from = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

        assertThat(template.render(from, from + 60_000, 1, null).uri().toString())
                .isEqualTo("http://example.test/events?since=202401010000");
        assertThat(template.render(from, from + 60_000, 2, "abc").uri().toString())
                .isEqualTo("http://example.test/events?since=202401010000&after=abc");
        assertThat(template.render(from, from + 60_000, 3, "http://example.test/events?page=xyz").uri().toString())
                .isEqualTo("http://example.test/events?page=xyz");
    }

    @Test
    void validationNamesTheEndpointAndTheProblem() {
        assertThatThrownBy(() -> HttpEndpoint.builder("kec").baseUrl("http://x.test").query("key", "{secret:kec}")
                        .extractor(json -> null).build())
                .hasMessage("HTTP endpoint 'kec': query uses {secret:kec} but no such secret is set");
        assertThatThrownBy(() -> HttpEndpoint.builder("kec").baseUrl("http://x.test").paging(Paging.PAGE_NUMBER)
                        .extractor(json -> null).build())
                .hasMessage("HTTP endpoint 'kec': paging PAGE_NUMBER needs a {page} query placeholder");
        assertThatThrownBy(() -> HttpEndpoint.builder("kec").baseUrl("ftp://x.test").extractor(json -> null).build())
                .hasMessage("HTTP endpoint 'kec': baseUrl must be an absolute http(s) URL, got ftp://x.test");
    }

    @Test
    void missingEnvironmentSecretFailsWithoutRevealingAnything() {
        assertThatThrownBy(() -> HttpSecret.fromEnv("HTTP_SOURCE_TEST_UNSET_VARIABLE").resolve())
                .hasMessage("HTTP source secret: environment variable HTTP_SOURCE_TEST_UNSET_VARIABLE is not set");
        assertThat(HttpSecret.fromEnv("KMA_SERVICE_KEY").toString()).isEqualTo("HttpSecret{env:KMA_SERVICE_KEY}");
    }
}
