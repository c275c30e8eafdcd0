package io.github.flinklakehouse.jobs.testing;

import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.dashboards.web.DashboardPageCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs the dashboard questions of a pipeline ({@code deploy/dashboards/*.dashboard.json}) on marts a test filled in
 * {@link TestPostgres}, through a read-only role with the rights the local stack gives its BI role: USAGE on the marts'
 * schema, SELECT on its tables, sessions that start read-only, nothing else.
 */
public final class DashboardQuestions {

    /** The dashboard definitions, seen from the flink-jobs module. */
    public static final Path DEFINITIONS = Path.of("..", "deploy", "dashboards");

    private static final String ROLE = "dashboards_bi";
    private static final String PASSWORD = "dashboards-bi";

    private DashboardQuestions() {
    }

    /** How many questions {@code pipeline}'s dashboards declare: what {@link #run} must answer, one each. */
    public static int questionCount(String pipeline) {
        return Dashboards.ofPipeline(DEFINITIONS, pipeline).stream().mapToInt(d -> d.questions().size()).sum();
    }

    /** Every question of {@code pipeline}'s dashboards run on {@code schema} (read as {@code marts}). */
    public static List<QuestionCheck.Answer> run(String pipeline, String schema) throws SQLException {
        try (Connection superuser = TestPostgres.open(); Statement statement = superuser.createStatement()) {
            statement.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'; "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            statement.execute("ALTER ROLE " + ROLE + " SET default_transaction_read_only = on");
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + ROLE);
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + ROLE);
        }
        try (Connection readOnly = DriverManager.getConnection(TestPostgres.connection().url(), ROLE, PASSWORD)) {
            return QuestionCheck.run(readOnly, Dashboards.ofPipeline(DEFINITIONS, pipeline), schema);
        }
    }

    /**
     * Every dashboard of {@code pipeline} on the page {@code lakehouse run} serves, in headless Chromium, on the marts
     * in {@code schema} as the read-only role (after {@link #run}, which grants it the schema): what is wrong with any
     * page (see {@link DashboardPageCheck}); a screenshot of each under {@code target/dashboards}.
     */
    public static List<String> pageProblems(String pipeline, String schema) throws IOException, InterruptedException {
        return DashboardPageCheck.problems(TestPostgres.connection().url(), ROLE, PASSWORD, schema,
                Dashboards.ofPipeline(DEFINITIONS, pipeline), Path.of("target", "dashboards"));
    }
}
