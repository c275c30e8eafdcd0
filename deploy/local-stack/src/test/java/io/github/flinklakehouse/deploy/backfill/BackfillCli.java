package io.github.flinklakehouse.deploy.backfill;

import io.github.flinklakehouse.deploy.cli.LakehouseCli;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs a {@code lakehouse} subcommand against the test's stack, as a user would, capturing its output. */
final class BackfillCli {

    /** Exit code, standard output and standard error of one command. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private BackfillCli() {
    }

    static Run run(LocalStack stack, String... arguments) {
        StackConfig config = stack.config();
        System.setProperty("lakehouse.home", LocalStackExtension.repoHome().toString());
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        CommandLine cli = LakehouseCli.commandLine();
        cli.setOut(new PrintWriter(output));
        cli.setErr(new PrintWriter(errors));
        List<String> args = new ArrayList<>(List.of(arguments));
        int separator = args.indexOf("--");
        List<String> stackOptions = List.of("--data-dir", config.dataDir().toString(),
                "--kafka-port", Integer.toString(config.kafkaPort()), "--s3-port", Integer.toString(config.s3Port()),
                "--postgres-port", Integer.toString(config.postgresPort()),
                "--flink-port", Integer.toString(config.flinkRestPort()), "--timeout", "PT5M");
        args.addAll(separator < 0 ? args.size() : separator, stackOptions);
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, output.toString(), errors.toString());
    }
}
