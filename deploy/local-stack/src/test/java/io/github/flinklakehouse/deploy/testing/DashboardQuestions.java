package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.dashboards.web.DashboardPageCheck;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the dashboard questions of a pipeline ({@code deploy/dashboards/*.dashboard.json}) on the marts a system test's
 * job filled, through the stack's read-only BI role ({@link StackEndpoints#biUser()}).
 */
public final class DashboardQuestions {

    private DashboardQuestions() {
    }

    /** How many questions {@code pipeline}'s dashboards declare: what {@link #run} must answer, one each. */
    public static int questionCount(String pipeline) {
        return Dashboards.ofPipeline(LocalStackExtension.repoHome().resolve("deploy").resolve("dashboards"), pipeline)
                .stream().mapToInt(d -> d.questions().size()).sum();
    }

    /**
     * Every question of {@code pipeline}'s dashboards on the marts in {@code schema} (a test's own schema, read as
     * {@code marts}), as the BI role: the schema's owner (the pipeline role) first grants the BI role what the stack
     * grants it on {@code marts}. Marts fill within the same flushes, but a window or freshness row may come one flush
     * later: the questions are asked again until none has a problem or {@code deadline} passed; the last answers are
     * returned either way.
     */
    public static List<QuestionCheck.Answer> run(StackEndpoints stack, String pipeline, String schema,
            Duration deadline) throws SQLException, InterruptedException {
        try (Connection owner = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = owner.createStatement()) {
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + stack.biUser());
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + stack.biUser());
        }
        List<Dashboard> dashboards = Dashboards.ofPipeline(
                LocalStackExtension.repoHome().resolve("deploy").resolve("dashboards"), pipeline);
        Instant end = Instant.now().plus(deadline);
        try (Connection bi = DriverManager.getConnection(stack.jdbcUrl(), stack.biUser(), stack.biPassword())) {
            while (true) {
                List<QuestionCheck.Answer> answers = QuestionCheck.run(bi, dashboards, schema);
                if (QuestionCheck.problems(answers).isEmpty() || Instant.now().isAfter(end)) {
                    return answers;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Every dashboard of {@code pipeline} on the page {@code lakehouse run} serves, in headless Chromium, on the marts
     * in {@code schema} as the BI role (after {@link #run}, which grants it the schema): what is wrong with any page
     * (see {@link DashboardPageCheck}); a screenshot of each under {@code target/dashboards}.
     */
    public static List<String> pageProblems(StackEndpoints stack, String pipeline, String schema)
            throws IOException, InterruptedException {
        return DashboardPageCheck.problems(stack.jdbcUrl(), stack.biUser(), stack.biPassword(), schema,
                Dashboards.ofPipeline(LocalStackExtension.repoHome().resolve("deploy").resolve("dashboards"), pipeline),
                Path.of("target", "dashboards"));
    }
}
