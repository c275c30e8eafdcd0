package io.github.flinklakehouse.deploy.savepoint.probe;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;

/**
 * Lists the operators of a savepoint and of the job a jar would submit, for the redeploy's compatibility check.
 *
 * <p>Runs as a single-file program ({@code java -cp <Flink lib>/* SavepointProbe.java ...}) on the Flink
 * cluster's own classpath, so the {@code lakehouse} CLI never carries Flink. It builds the job graph exactly as
 * the JobManager does for {@code /jars/:id/run} (the jar's {@code main} runs until {@code execute}) and reads
 * the savepoint's {@code _metadata} with Flink's own loader.
 *
 * <p>Arguments: {@code <_metadata file> <job jar> <entry class, or - for the Main-Class> <parallelism> [program arguments...]}.
 * Output, one line each: {@code PROBE SAVED <operator id> <stateful> <uid> <name>} and
 * {@code PROBE NEW <operator id> <vertex name>}, tab-separated.
 */
public final class SavepointProbe {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "Usage: SavepointProbe <_metadata file> <job jar> <entry class> <parallelism> [program arguments...]");
        }
        printSavedOperators(Path.of(args[0]));
        printJobOperators(new File(args[1]), args[2], Integer.parseInt(args[3]), Arrays.copyOfRange(args, 4, args.length));
    }

    private static void printSavedOperators(Path metadataFile) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(metadataFile))) {
            CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(
                    in, SavepointProbe.class.getClassLoader(), metadataFile.toString());
            for (OperatorState operator : metadata.getOperatorStates()) {
                // Flink refuses to drop exactly these: operators with subtask or coordinator state.
                boolean stateful = operator.hasSubtaskStates() || operator.getCoordinatorState() != null;
                System.out.println(String.join("\t", "PROBE", "SAVED", operator.getOperatorID().toHexString(),
                        Boolean.toString(stateful), operator.getOperatorUid().orElse(""),
                        operator.getOperatorName().orElse("")));
            }
        }
    }

    private static void printJobOperators(File jar, String entryClass, int parallelism, String[] programArgs)
            throws Exception {
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(jar)
                .setEntryPointClassName("-".equals(entryClass) ? null : entryClass)
                .setArguments(programArgs)
                .build();
        try {
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, new Configuration(), parallelism, true);
            for (JobVertex vertex : graph.getVertices()) {
                for (OperatorIDPair ids : vertex.getOperatorIDs()) {
                    System.out.println(String.join("\t", "PROBE", "NEW", ids.getGeneratedOperatorID().toHexString(),
                            vertex.getName()));
                    ids.getUserDefinedOperatorID().ifPresent(id ->
                            System.out.println(String.join("\t", "PROBE", "NEW", id.toHexString(), vertex.getName())));
                }
            }
        } finally {
            program.close();
        }
    }
}
