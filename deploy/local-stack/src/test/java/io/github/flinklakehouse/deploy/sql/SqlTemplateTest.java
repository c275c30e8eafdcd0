package io.github.flinklakehouse.deploy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders of the SQL client's files, and the values taken from a stack. */
class SqlTemplateTest {

    @Test
    void fillsEveryPlaceholderAndKeepsOtherDollarSigns() {
        assertThat(SqlTemplate.render("SELECT '${A}', '$B', '${a}' /* ${...} */ FROM t WHERE x = ${A_1}",
                Map.of("A", "one", "A_1", "$2")))
                .isEqualTo("SELECT 'one', '$B', '${a}' /* ${...} */ FROM t WHERE x = $2");
    }

    @Test
    void namesEveryMissingPlaceholder() {
        assertThatThrownBy(() -> SqlTemplate.render("${SNAPSHOT_ID} ${B} ${SNAPSHOT_ID}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value for placeholder(s) B, SNAPSHOT_ID; pass them with --define NAME=VALUE");
    }

    @Test
    void splitsTheJdbcUrlForFlinksJdbcCatalog() {
        StackEndpoints stack = new StackEndpoints("k:1", "http://127.0.0.1:9000", "bucket", "ak", "sk", "us-east-1",
                "jdbc:postgresql://127.0.0.1:5432/lakehouse", "user", "pw", "bi", "bi-pw", "http://127.0.0.1:8081");

        Map<String, String> values = SqlClientVariables.of(stack);

        assertThat(values).containsEntry("JDBC_BASE_URL", "jdbc:postgresql://127.0.0.1:5432")
                .containsEntry("DB_NAME", "lakehouse").containsEntry("WAREHOUSE", "s3://bucket/warehouse")
                .containsEntry("S3_SECRET_KEY", "sk").containsEntry("DB_PASSWORD", "pw");
    }
}
