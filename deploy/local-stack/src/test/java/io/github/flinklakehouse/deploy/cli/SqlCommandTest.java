package io.github.flinklakehouse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lakehouse sql} against a stack that is not there says so, and what to do, before it starts a client. */
class SqlCommandTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedStackIsNamedServiceByServiceWithTheCommandThatStartsIt() throws IOException {
        Path sql = Files.writeString(dir.resolve("count.sql"), "SELECT 1;\n");
        try (ServerSocket postgres = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int flink = freePort();
            int s3 = freePort();
            StringWriter err = new StringWriter();
            int exit = run(err, "sql", "-f", sql.toString(), "--data-dir", dir.resolve("stack").toString(),
                    "--bind-host", "127.0.0.1", "--flink-port", Integer.toString(flink), "--s3-port",
                    Integer.toString(s3), "--postgres-port", Integer.toString(postgres.getLocalPort()));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("nothing answers for flink-jobmanager (127.0.0.1:" + flink
                    + "), s3proxy (127.0.0.1:" + s3 + "): the local stack is not (fully) running. Start it with `lakehouse up` "
                    + "(or `lakehouse run`)");
            assertThat(err.toString()).as("postgres answers").doesNotContain("postgres (");
        }
    }

    @Test
    void aFlinkPortWhoseRestApiFailsOrHasNoTaskManagerIsNamedToo() throws IOException {
        Path sql = Files.writeString(dir.resolve("count.sql"), "SELECT 1;\n");
        for (String answer : new String[] {"502", "no task managers"}) {
            HttpServer gate = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            gate.createContext("/overview", exchange -> {
                byte[] body = answer.equals("502") ? "upstream refused".getBytes(StandardCharsets.UTF_8)
                        : "{\"taskmanagers\":0,\"slots-total\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.equals("502") ? 502 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            gate.start();
            try (ServerSocket s3 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket postgres = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int flink = gate.getAddress().getPort();
                StringWriter err = new StringWriter();
                int exit = run(err, "sql", "-f", sql.toString(), "--data-dir", dir.resolve("stack").toString(),
                        "--bind-host", "127.0.0.1", "--flink-port", Integer.toString(flink), "--s3-port",
                        Integer.toString(s3.getLocalPort()), "--postgres-port",
                        Integer.toString(postgres.getLocalPort()));
                assertThat(exit).as(answer).isEqualTo(1);
                assertThat(err.toString()).as(answer).contains(answer.equals("502")
                        ? "nothing answers for flink-jobmanager (http://127.0.0.1:" + flink + "/overview: Flink REST "
                                + "GET http://127.0.0.1:" + flink + "/overview answered 502: upstream refused)"
                        : "nothing answers for flink-taskmanager (none registered with the JobManager at "
                                + "http://127.0.0.1:" + flink + ")");
            } finally {
                gate.stop(0);
            }
        }
    }

    @Test
    void aMissingFileIsReportedBeforeTheStackIsLookedFor() {
        StringWriter err = new StringWriter();
        int exit = run(err, "sql", "-f", dir.resolve("absent.sql").toString(), "--data-dir",
                dir.resolve("stack").toString(), "--flink-port", Integer.toString(freePort()));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("No such SQL file: " + dir.resolve("absent.sql"));
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cli = LakehouseCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
