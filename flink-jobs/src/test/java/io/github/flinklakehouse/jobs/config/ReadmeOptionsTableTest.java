package io.github.flinklakehouse.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's option tables are generated from the option groups ({@link ConfigHelp#markdown}): this test fails
 * when they differ. {@code mvn -o -pl flink-jobs test -Dtest=ReadmeOptionsTableTest -Dreadme.update=true} rewrites
 * the text between the markers.
 */
class ReadmeOptionsTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "<!-- options:begin (generated: ReadmeOptionsTableTest) -->\n";
    private static final String END = "<!-- options:end -->";

    @Test
    void theReadmeListsEveryOptionOfEveryRegisteredPipelineAsTheCodeDeclaresIt() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README marker " + BEGIN.trim()).isNotNegative();
        assertThat(end).as("README marker " + END).isGreaterThan(begin);

        String expected = ConfigHelp.markdown(LakehouseJobs.PIPELINES.optionGroups());
        if (Boolean.getBoolean("readme.update")) {
            readme = readme.substring(0, begin + BEGIN.length()) + expected + readme.substring(end);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
            end = readme.indexOf(END);
        }
        assertThat(readme.substring(begin + BEGIN.length(), end))
                .as("README.md option tables; regenerate them with -Dreadme.update=true")
                .isEqualTo(expected);
    }
}
