package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.metabase.MetabaseProvisioner;
import io.github.flinklakehouse.dashboards.metabase.MetabaseSettings;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse dashboards provision}: the dashboards defined in {@code deploy/dashboards/*.dashboard.json} put into
 * a Metabase through its REST API (first-time setup when needed, the marts database with the read-only BI role, every
 * card and dashboard created or updated by name).
 */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Dashboards as code (deploy/dashboards/*.dashboard.json, see deploy/dashboards/README.md).",
        subcommands = {DashboardsCommand.Provision.class, CommandLine.HelpCommand.class})
final class DashboardsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: provision");
    }

    /** The schema of the marts, the only one Metabase syncs (the BI role may read no other). */
    static final String MARTS_SCHEMA = "marts";

    /** The environment variable the Metabase admin's password is read from (never an option). */
    static final String PASSWORD_ENV = "METABASE_ADMIN_PASSWORD";

    /** Where the password is read from: the process environment (a test puts its own look-up here). */
    static Function<String, String> environment = System::getenv;

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = {"Create or update, by name, every dashboard and question in a Metabase (v0.50+): waits "
                    + "until it is ready, completes its first-time setup with this admin when it has none, registers "
                    + "the marts database with the read-only BI role (schema marts only) and puts the cards and "
                    + "dashboards into one collection; cards there that no definition names any more are archived. "
                    + "The admin's password is read from " + PASSWORD_ENV + " only."})
    static final class Provision implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Option(names = "--metabase-url", required = true, description = "Metabase's address, e.g. "
                + "http://127.0.0.1:3000.")
        URI metabaseUrl;

        @Option(names = "--metabase-user", defaultValue = "admin@lakehouse.local", description = "The admin's e-mail: "
                + "created by the first-time setup, otherwise logged in with (default ${DEFAULT-VALUE}).")
        String adminEmail;

        @Option(names = "--dashboards-dir", description = "Folder of the definitions (default "
                + "<repo>/deploy/dashboards).")
        Path dashboardsDir;

        @Option(names = "--marts-host", description = "PostgreSQL's host as Metabase reaches it (default: the stack's "
                + "bind host; in Docker the host's address or the compose service name).")
        String martsHost;

        @Option(names = "--marts-port", description = "PostgreSQL's port as Metabase reaches it (default: the stack's "
                + "--postgres-port).")
        Integer martsPort;

        @Option(names = "--database-name", defaultValue = "Lakehouse marts", description = "The name Metabase shows "
                + "the marts database under and finds it by (default ${DEFAULT-VALUE}).")
        String databaseName;

        @Option(names = "--collection", defaultValue = "Lakehouse", description = "The collection of the provisioned "
                + "cards and dashboards (default ${DEFAULT-VALUE}).")
        String collection;

        @Option(names = "--site-name", defaultValue = "Lakehouse", description = "Site name of a first-time setup "
                + "(default ${DEFAULT-VALUE}).")
        String siteName;

        @Option(names = "--ready-timeout", defaultValue = "PT5M", description = "How long to wait for Metabase to be "
                + "ready, ISO-8601 (default ${DEFAULT-VALUE}; a first start takes a minute or more).")
        Duration readyTimeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String password = environment.apply(PASSWORD_ENV);
            if (password == null || password.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Set " + PASSWORD_ENV + " to the "
                        + "Metabase admin's password (a new Metabase gets " + adminEmail + " with this password).");
            }
            StackConfig stack = options.toConfig();
            Path folder = dashboardsDir != null ? dashboardsDir
                    : StackOptions.repoHome().resolve("deploy").resolve("dashboards");
            List<Dashboard> dashboards = Dashboards.load(folder);
            MetabaseSettings settings = new MetabaseSettings(metabaseUrl, adminEmail, password, siteName, collection,
                    readyTimeout, Duration.ofSeconds(2), new MetabaseSettings.MartsDatabase(databaseName,
                            martsHost != null ? martsHost : stack.bindHost(),
                            martsPort != null ? martsPort : stack.postgresPort(), stack.dbName(), stack.biUser(),
                            stack.biPassword(), MARTS_SCHEMA));
            PrintWriter out = spec.commandLine().getOut();
            MetabaseProvisioner.Result result = new MetabaseProvisioner(settings, line -> {
                out.println(line);
                out.flush();
            }).provision(dashboards);
            result.changes().forEach(out::println);
            for (Map.Entry<String, Integer> dashboard : result.dashboardIds().entrySet()) {
                out.println(dashboard.getKey() + ": " + settings.url().resolve("dashboard/" + dashboard.getValue()));
            }
            out.flush();
            return 0;
        }
    }
}
