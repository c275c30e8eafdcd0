package io.github.flinklakehouse.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code lakehouse} command line: runs the local stack ({@code up}, {@code down}, {@code status}).
 *
 * <p>Exit codes: 0 success, 1 runtime failure (one line, the stack trace only with {@code --verbose}),
 * 2 usage error. A new subcommand is a picocli {@code Callable<Integer>} added to {@link #SUBCOMMANDS}
 * (or with {@link CommandLine#addSubcommand}); it may mix in {@link StackOptions} for the stack settings.
 */
@Command(name = "lakehouse",
        mixinStandardHelpOptions = true,
        versionProvider = LakehouseCli.Version.class,
        description = "Flink stream-first lakehouse: run the pipeline on the local stack, and the tools around it.",
        subcommands = {RunCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                QueryCommand.class, GenerateCommand.class, SqlCommand.class, RedeployCommand.class, ReplayCommand.class,
                BackfillCommand.class, ParityCommand.class, MaintainCommand.class, BenchmarkCommand.class,
                DashboardsCommand.class, CommandLine.HelpCommand.class})
public final class LakehouseCli {
    /** Exit code of a runtime failure. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for adding subcommands. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LakehouseCli());
        commandLine.setExecutionExceptionHandler((failure, cli, parseResult) -> {
            LakehouseCli root = cli.getCommandSpec().root().userObject() instanceof LakehouseCli r ? r : null;
            if (root != null && root.verbose) {
                failure.printStackTrace(cli.getErr());
            }
            cli.getErr().println(cli.getColorScheme().errorText("lakehouse " + cli.getCommandName() + ": "
                    + oneLine(failure)));
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return message.replace('\n', ' ');
    }

    /** Reads the version from the jar manifest (set by the build), "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LakehouseCli.class.getPackage().getImplementationVersion();
            return new String[] {"lakehouse " + (version == null ? "development" : version)};
        }
    }
}
