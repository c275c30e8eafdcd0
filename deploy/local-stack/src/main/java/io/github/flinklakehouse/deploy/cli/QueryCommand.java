package io.github.flinklakehouse.deploy.cli;

import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse query "<sql>"}: runs SQL on the stack's PostgreSQL as the read-only BI role (SELECT on schema
 * marts only), so a DELETE or any other write fails and changes nothing.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a read-only SQL query on the local stack's PostgreSQL (schema marts) and print the rows; "
                + "it runs as the read-only role (bi-user), so writes fail.")
final class QueryCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Parameters(paramLabel = "SQL", description = "For example: SELECT * FROM marts.traffic_hourly ORDER BY event_date, hour")
    String sql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        PostgresQueries.print(options.toConfig().endpoints(), sql, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
