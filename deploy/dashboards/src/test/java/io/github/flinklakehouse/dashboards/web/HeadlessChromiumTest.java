package io.github.flinklakehouse.dashboards.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing browser never passes silently: it fails when CI requires the browser tests, and warns otherwise. */
class HeadlessChromiumTest {

    @Test
    void aMissingBrowserFailsWithHowToInstallItWhenRequiredAndIsSkippedOtherwise(@TempDir Path empty) {
        Map<String, String> noBrowser = Map.of("PATH", empty.toString());

        assertThatThrownBy(() -> HeadlessChromium.find(Map.of("PATH", empty.toString(),
                HeadlessChromium.REQUIRED_VARIABLE, "required"), empty))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no chromium on the PATH")
                .hasMessageContaining("apt-get install -y chromium");
        assertThat(HeadlessChromium.find(noBrowser, empty)).isEmpty();
    }
}
