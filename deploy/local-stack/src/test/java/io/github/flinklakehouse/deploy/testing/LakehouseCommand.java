package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.deploy.cli.LakehouseCli;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a {@code lakehouse} subcommand in-process against the test's stack, as a user would, with the stack's ports
 * and data directory (and {@code --timeout PT5M}) added before any {@code --}; captures exit code and output.
 */
public final class LakehouseCommand {

    /** Exit code, standard output and standard error of one command. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private LakehouseCommand() {
    }

    public static Run run(LocalStack stack, String... arguments) {
        return run(stack, List.of("--timeout", "PT5M"), arguments);
    }

    /** As {@link #run}, for a subcommand without a {@code --timeout} option (e.g. {@code query}). */
    public static Run runWithoutTimeout(LocalStack stack, String... arguments) {
        return run(stack, List.of(), arguments);
    }

    private static Run run(LocalStack stack, List<String> extraOptions, String... arguments) {
        StackConfig config = stack.config();
        System.setProperty("lakehouse.home", LocalStackExtension.repoHome().toString());
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        CommandLine cli = LakehouseCli.commandLine();
        cli.setOut(new PrintWriter(output));
        cli.setErr(new PrintWriter(errors));
        List<String> args = new ArrayList<>(List.of(arguments));
        int separator = args.indexOf("--");
        List<String> stackOptions = new ArrayList<>(List.of("--data-dir", config.dataDir().toString(),
                "--kafka-port", Integer.toString(config.kafkaPort()), "--s3-port", Integer.toString(config.s3Port()),
                "--postgres-port", Integer.toString(config.postgresPort()),
                "--flink-port", Integer.toString(config.flinkRestPort())));
        stackOptions.addAll(extraOptions);
        args.addAll(separator < 0 ? args.size() : separator, stackOptions);
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, output.toString(), errors.toString());
    }
}
