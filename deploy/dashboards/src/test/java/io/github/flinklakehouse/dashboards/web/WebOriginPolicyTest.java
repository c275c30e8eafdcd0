package io.github.flinklakehouse.dashboards.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which requests the Flink web UI gate lets through, on a loopback stack and on one open to the network, and the
 * dashboards page on its loopback port.
 */
class WebOriginPolicyTest {
    private static final WebOriginPolicy LOOPBACK = WebOriginPolicy.forBindHost("127.0.0.1");
    private static final WebOriginPolicy NETWORK = WebOriginPolicy.forBindHost("0.0.0.0");

    @Test
    void aForeignPageMayNotChangeTheCluster() {
        for (String method : new String[] {"POST", "PATCH", "DELETE", "PUT", "post"}) {
            assertThat(LOOPBACK.refusal(method, "127.0.0.1:8081", "https://evil.example"))
                    .as(method).hasValueSatisfying(message -> assertThat(message)
                            .contains("origin 'https://evil.example' refused").contains("http://127.0.0.1:8081"));
        }
        assertThat(LOOPBACK.refusal("POST", "127.0.0.1:8081", "null")).isPresent();
        assertThat(LOOPBACK.refusal("POST", "127.0.0.1:8081", "http://127.0.0.1:9999")).as("another port").isPresent();
        assertThat(LOOPBACK.refusal("POST", "127.0.0.1:8081", "http://localhost:8081")).as("another name").isPresent();
        assertThat(NETWORK.refusal("POST", "10.0.0.5:8081", "http://10.0.0.6:8081")).isPresent();
    }

    @Test
    void theWebUiItselfClientsWithoutOriginAndReadsPass() {
        assertThat(LOOPBACK.refusal("POST", "127.0.0.1:8081", "http://127.0.0.1:8081")).isEmpty();
        assertThat(LOOPBACK.refusal("POST", "localhost:8081", "http://LOCALHOST:8081")).isEmpty();
        assertThat(LOOPBACK.refusal("DELETE", "[::1]:8081", "http://[::1]:8081")).isEmpty();
        assertThat(LOOPBACK.refusal("POST", "127.0.0.1:8081", null)).as("the CLI, curl").isEmpty();
        assertThat(LOOPBACK.refusal("GET", "127.0.0.1:8081", "https://evil.example")).isEmpty();
        assertThat(LOOPBACK.refusal("OPTIONS", "127.0.0.1:8081", "https://evil.example")).isEmpty();
        assertThat(NETWORK.refusal("POST", "myhost.lan:8081", "http://myhost.lan:8081")).isEmpty();
        assertThat(NETWORK.refusal("GET", "myhost.lan:8081", null)).isEmpty();
    }

    @Test
    void aLoopbackStackAnswersLoopbackHostNamesOnly() {
        assertThat(LOOPBACK.refusal("GET", "evil.example:8081", null))
                .hasValueSatisfying(message -> assertThat(message).contains("DNS rebinding"));
        assertThat(LOOPBACK.refusal("POST", "evil.example:8081", "http://evil.example:8081")).isPresent();
        assertThat(LOOPBACK.refusal("GET", null, null)).isPresent();
        assertThat(LOOPBACK.refusal("GET", "127.0.0.2:8081", null)).isEmpty();
        assertThat(LOOPBACK.refusal("GET", "localhost", null)).isEmpty();
        assertThat(NETWORK.refusal("GET", "evil.example:8081", null)).as("names unknown: network exposure").isEmpty();
    }

    @Test
    void theDashboardsPageIsReadByItselfOnly() {
        WebOriginPolicy page = WebOriginPolicy.loopbackPage();
        assertThat(page.refusal("GET", "127.0.0.1:8082", "https://evil.example"))
                .hasValueSatisfying(message -> assertThat(message).contains("may read it"));
        assertThat(page.refusal("GET", "evil.example:8082", null)).isPresent();
        assertThat(page.refusal("GET", "127.0.0.1:8082", "http://127.0.0.1:8082")).isEmpty();
        assertThat(page.refusal("GET", "localhost:8082", null)).isEmpty();
    }
}
