package io.github.flinklakehouse.deploy.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The redeploy's decision on which savepoint state may be dropped, from probe output as the probe prints it. */
class OperatorMappingTest {
    private static final SavedOperator SOURCE = new SavedOperator("a1", true, "clickstream.source.v1", "Clickstream source");
    private static final SavedOperator HOURLY = new SavedOperator("b2", true, "clickstream.traffic-hourly.v1", "Hourly traffic");
    private static final SavedOperator COMMITTER = new SavedOperator("c3", true,
            "Sink Committer: clickstream.raw-events-sink.v1", "Raw click events sink: Committer");
    private static final SavedOperator STATELESS = new SavedOperator("d4", false, "clickstream.parse.v1", "Parse click events");

    @Test
    void parsesTheProbeOutputAndIgnoresOtherLines() {
        ProbeReport report = ProbeReport.parse(String.join("\n",
                "some log line of the job's main",
                "PROBE\tSAVED\ta1\ttrue\tclickstream.source.v1\tClickstream source",
                "PROBE\tSAVED\td4\tfalse\t\t",
                "PROBE\tNEW\ta1\tSource: Clickstream source -> Parse click events",
                "PROBE\tNEW\tff\tSource: Clickstream source -> Parse click events"));

        assertThat(report.saved()).containsExactly(SOURCE, new SavedOperator("d4", false, "", ""));
        assertThat(report.newOperatorIds()).containsExactlyInAnyOrder("a1", "ff");
    }

    @Test
    void aJobWithEveryStatefulOperatorIsRestorable() {
        OperatorMapping mapping = OperatorMapping.of(new ProbeReport(List.of(SOURCE, HOURLY, COMMITTER, STATELESS),
                Set.of("a1", "b2", "c3")));

        assertThat(mapping.complete()).isTrue();
        assertThatCode(() -> mapping.requireRestorable(false)).doesNotThrowAnyException();
    }

    @Test
    void droppingOrdinaryStateNeedsExplicitPermission() {
        OperatorMapping mapping = OperatorMapping.of(new ProbeReport(List.of(SOURCE, HOURLY, COMMITTER),
                Set.of("a1", "c3")));

        assertThat(mapping.unmapped()).containsExactly(HOURLY);
        assertThatThrownBy(() -> mapping.requireRestorable(false))
                .isInstanceOf(IncompatibleSavepointException.class)
                .hasMessageContaining("uid clickstream.traffic-hourly.v1 (b2)")
                .hasMessageContaining("--allow-non-restored-state");
        assertThatCode(() -> mapping.requireRestorable(true)).doesNotThrowAnyException();
    }

    @Test
    void aCommittersStateIsNeverDropped() {
        OperatorMapping mapping = OperatorMapping.of(new ProbeReport(List.of(SOURCE, COMMITTER), Set.of("a1")));

        assertThat(mapping.unmappedCommitters()).containsExactly(COMMITTER);
        assertThatThrownBy(() -> mapping.requireRestorable(true))
                .isInstanceOf(IncompatibleSavepointException.class)
                .hasMessageContaining("Sink Committer: clickstream.raw-events-sink.v1")
                .hasMessageContaining("refused even with --allow-non-restored-state");
    }

    @Test
    void statelessOperatorsMayDisappear() {
        OperatorMapping mapping = OperatorMapping.of(new ProbeReport(List.of(SOURCE, STATELESS), Set.of("a1")));

        assertThat(mapping.complete()).isTrue();
    }
}
