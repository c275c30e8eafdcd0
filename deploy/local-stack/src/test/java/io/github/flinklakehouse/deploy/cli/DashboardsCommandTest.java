package io.github.flinklakehouse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.metabase.FakeMetabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lakehouse dashboards}: usage errors (exit 2) name what is missing; {@code provision} against the fake Metabase
 * of deploy/dashboards (its cases in detail: {@code MetabaseProvisionerTest}) registers the stack's database with the
 * BI role, creates every dashboard of {@code deploy/dashboards} and prints their addresses; a wrong password is exit 1
 * with one line.
 */
class DashboardsCommandTest {

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
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
    void provisionPutsTheRepositorysDashboardsIntoMetabaseWithTheStacksDatabaseAndPrintsWhereTheyAre() {
        Map<String, String> env = System.getenv();
        try (FakeMetabase metabase = FakeMetabase.start()) {
            DashboardsCommand.environment = Map.of(DashboardsCommand.PASSWORD_ENV, "Admin-pass-1")::get;
            Run run = run("dashboards", "provision", "--metabase-url", metabase.url().toString(), "--postgres-port",
                    "15432", "--bi-user", "dash_bi", "--ready-timeout", "PT10S");

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(metabase.users).isEqualTo(Map.of("admin@lakehouse.local", "Admin-pass-1"));
            JsonNode database = metabase.databases.values().iterator().next();
            assertThat(database.at("/details/host").asText()).isEqualTo("127.0.0.1");
            assertThat(database.at("/details/port").asInt()).isEqualTo(15432);
            assertThat(database.at("/details/dbname").asText())
                    .isEqualTo(env.getOrDefault("LAKEHOUSE_STACK_DB_NAME", "lakehouse"));
            assertThat(database.at("/details/user").asText()).isEqualTo("dash_bi");
            assertThat(database.get("stored_password").asText())
                    .isEqualTo(env.getOrDefault("LAKEHOUSE_STACK_BI_PASSWORD", "lakehouse-bi"));
            assertThat(metabase.activeCards()).as("one card per question of deploy/dashboards").hasSize(
                    Dashboards.load(StackOptions.repoHome().resolve("deploy/dashboards")).stream()
                            .mapToInt(d -> d.questions().size()).sum());
            assertThat(run.out()).contains("completed Metabase's first-time setup: admin admin@lakehouse.local",
                    "created dashboard \"Toll gate detail\"")
                    .containsPattern("(?m)^Clickstream overview: " + metabase.url() + "/dashboard/\\d+$");

            DashboardsCommand.environment = Map.of(DashboardsCommand.PASSWORD_ENV, "wrong")::get;
            Run wrong = run("dashboards", "provision", "--metabase-url", metabase.url().toString());
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).startsWith("lakehouse provision: Metabase at " + metabase.url()
                    + "/ refused the login of admin@lakehouse.local (HTTP 401: password: did not match stored "
                    + "password).").hasLineCount(1);
        } finally {
            DashboardsCommand.environment = System::getenv;
        }
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
