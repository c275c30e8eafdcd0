package io.github.flinklakehouse.deploy.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13: a web page from another origin cannot upload, run or delete a jar or cancel a job through the Flink web
 * UI's port (403, nothing changed), while the web UI's own page (same origin), clients without an Origin header (the
 * CLI) and reads keep working; a host name that is not loopback (DNS rebinding) is refused outright.
 */
@ExtendWith(LocalStackExtension.class)
class WebUiOriginSystemTest {
    private static final String FOREIGN = "https://evil.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aForeignPageCannotChangeTheClusterButTheWebUiAndTheCliCan(StackEndpoints stack) throws Exception {
        String ui = stack.flinkRestUrl();
        FlinkRestClient cli = new FlinkRestClient(ui);
        byte[] jar = tinyJar();

        HttpResponse<String> read = send(ui, "GET", "/config", FOREIGN, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as("only the UI may read answers")
                .hasValue(ui);
        assertThat(send(ui, "GET", "/", null, null).body()).as("the web UI's page").contains("<html");

        HttpResponse<String> foreignUpload = send(ui, "POST", "/jars/upload", FOREIGN, jar);
        assertThat(foreignUpload.statusCode()).as(foreignUpload.body()).isEqualTo(403);
        assertThat(foreignUpload.body()).contains("origin '" + FOREIGN + "' refused");
        assertThat(cli.jarIds()).as("nothing uploaded by the foreign page").isEmpty();

        HttpResponse<String> ownUpload = send(ui, "POST", "/jars/upload", ui, jar);
        assertThat(ownUpload.statusCode()).as("the web UI's own upload: " + ownUpload.body()).isEqualTo(200);
        String jarId = cli.jarIds().get(0);
        try {
            assertThat(send(ui, "POST", "/jars/" + jarId + "/run", FOREIGN, "{}".getBytes()).statusCode())
                    .isEqualTo(403);
            assertThat(send(ui, "DELETE", "/jars/" + jarId, FOREIGN, null).statusCode()).isEqualTo(403);
            assertThat(cli.jarIds()).containsExactly(jarId);
            String noSuchJob = UUID.randomUUID().toString().replace("-", "");
            assertThat(send(ui, "PATCH", "/jobs/" + noSuchJob + "?mode=cancel", FOREIGN, null).statusCode())
                    .isEqualTo(403);
            assertThat(send(ui, "PATCH", "/jobs/" + noSuchJob + "?mode=cancel", ui, null).statusCode())
                    .as("the web UI's cancel reaches Flink, which knows no such job").isEqualTo(404);
        } finally {
            cli.deleteJar(jarId);
        }
        assertThat(cli.jarIds()).as("the CLI (no Origin) deleted the jar").isEmpty();
    }

    @Test
    void aNonLoopbackHostNameIsRefused(StackEndpoints stack) throws Exception {
        URI ui = URI.create(stack.flinkRestUrl());
        assertThat(statusLine(ui, "evil.example:" + ui.getPort())).contains(" 403 ");
        assertThat(statusLine(ui, "localhost:" + ui.getPort())).contains(" 200 ");
    }

    private static HttpResponse<String> send(String base, String method, String path, String origin, byte[] jar)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (jar != null && path.endsWith("/upload")) {
            String boundary = "----test" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"tiny.jar\""
                    + "\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(jar);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        } else if (jar != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(jar));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a GET sent with the given Host header (the JDK client does not let a caller set it). */
    private static String statusLine(URI ui, String host) throws Exception {
        try (Socket socket = new Socket(ui.getHost(), ui.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /overview HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    /** A valid, empty jar: Flink stores any uploaded .jar; what matters here is whether the upload gets through. */
    private static byte[] tinyJar() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
