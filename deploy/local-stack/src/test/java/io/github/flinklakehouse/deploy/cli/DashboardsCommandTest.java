package io.github.flinklakehouse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lakehouse dashboards}: usage errors (exit 2) name what is missing. Provisioning itself is tested against a
 * fake Metabase in deploy/dashboards ({@code MetabaseProvisionerTest}).
 */
class DashboardsCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LakehouseCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void provisionNeedsTheMetabaseUrlAndThePasswordFromTheEnvironment() {
        Run noUrl = run("dashboards", "provision");
        assertThat(noUrl.exit()).isEqualTo(2);
        assertThat(noUrl.err()).contains("Missing required option: '--metabase-url=<metabaseUrl>'");

        assumeTrue(System.getenv(DashboardsCommand.PASSWORD_ENV) == null, "the password variable is set here");
        Run noPassword = run("dashboards", "provision", "--metabase-url", "http://127.0.0.1:1");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).startsWith("Set METABASE_ADMIN_PASSWORD to the Metabase admin's password (a new "
                + "Metabase gets admin@lakehouse.local with this password).");
    }

    @Test
    void dashboardsAloneAsksForASubcommandAndHelpListsProvision() {
        Run alone = run("dashboards");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).startsWith("Name a subcommand: provision");

        Run help = run("dashboards", "provision", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--metabase-url", "--metabase-user", "--marts-host", "--ready-timeout",
                "METABASE_ADMIN_PASSWORD");
    }
}
