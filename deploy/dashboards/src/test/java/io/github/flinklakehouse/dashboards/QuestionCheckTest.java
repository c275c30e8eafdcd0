package io.github.flinklakehouse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuestionCheck} finds what is wrong with a question on a real PostgreSQL: a failing statement, other columns
 * than declared, no rows, a filter column that is always NULL; and passes a good one with its filter. (The project's
 * questions are checked on marts filled by the pipelines: see this module's README.)
 */
class QuestionCheckTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws SQLException {
        postgres = SharedPostgres.get();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA check_marts");
            statement.execute("CREATE TABLE check_marts.t (a int, b text)");
            statement.execute("INSERT INTO check_marts.t VALUES (1, NULL), (2, 'x'), (3, 'y')");
        }
    }

    @Test
    void eachKindOfProblemIsReportedWithItsQuestionAndAGoodQuestionPasses(@TempDir Path folder) throws Exception {
        write(folder, "good.sql", "SELECT a, b FROM marts.t ORDER BY a;");
        write(folder, "columns.sql", "SELECT a, b FROM marts.t");
        write(folder, "empty.sql", "SELECT a FROM marts.t WHERE false");
        write(folder, "fails.sql", "SELECT nope FROM marts.t");
        write(folder, "nulls.sql", "SELECT a, NULL::text AS n FROM marts.t");
        Files.writeString(folder.resolve("d.dashboard.json"), """
                {"format": 1, "name": "D", "pipeline": "clickstream", "description": "",
                 "filters": [{"id": "f", "name": "F", "type": "text"}],
                 "questions": [
                  %s, %s, %s, %s, %s
                 ]}
                """.formatted(question("Good", "good.sql", "[\"a\", \"b\"]", "\"f\": \"b\"", 0),
                question("Columns", "columns.sql", "[\"a\", \"c\"]", "", 4),
                question("Empty", "empty.sql", "[\"a\"]", "", 8),
                question("Fails", "fails.sql", "[\"nope\"]", "", 12),
                question("Nulls", "nulls.sql", "[\"a\", \"n\"]", "\"f\": \"n\"", 16)));

        List<QuestionCheck.Answer> answers;
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            answers = QuestionCheck.run(connection, Dashboards.load(folder), "check_marts");
        }

        assertThat(answers.get(0)).hasToString("D / Good: 3 rows [a, b]");
        assertThat(QuestionCheck.problems(answers)).containsExactly(
                "D / Columns: returns columns [a, b], its definition declares [a, c]",
                "D / Empty: returns no rows",
                "D / Fails: fails: ERROR: column \"nope\" does not exist",
                "D / Nulls: filter f: column n is NULL in every row");
    }

    private static String question(String name, String sql, String columns, String filters, int row) {
        return """
                {"name": "%s", "sql": "%s", "columns": %s, "chart": {"type": "table"}, "filters": {%s},
                 "position": {"row": %d, "col": 0, "width": 24, "height": 4}}""".formatted(name, sql, columns,
                filters, row);
    }

    private static void write(Path folder, String file, String sql) throws IOException {
        Files.writeString(folder.resolve(file), sql);
    }
}
