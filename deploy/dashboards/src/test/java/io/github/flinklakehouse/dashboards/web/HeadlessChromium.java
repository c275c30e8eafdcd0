package io.github.flinklakehouse.dashboards.web;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} in headless mode, without WebDriver: one process per page, which prints the DOM after
 * the page's scripts ran ({@code --dump-dom}) and writes a screenshot. Pages run on virtual time
 * ({@code --virtual-time-budget}): timers fire at once, network waits pause the clock, so nothing here waits on the
 * wall clock.
 *
 * <p>When no {@code chromium} is on the PATH, {@link #find} fails with how to install it if
 * {@value #REQUIRED_VARIABLE}{@code =required} is set (CI's {@code .ci/run} sets it after installing it), and otherwise
 * prints a warning and returns empty, so a developer without a browser is told the browser checks were skipped.
 */
public final class HeadlessChromium {
    /** Set to {@code required} (by {@code .ci/run}): a missing browser fails the test instead of skipping its check. */
    public static final String REQUIRED_VARIABLE = "LAKEHOUSE_BROWSER_TESTS";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    /** Less than the page's refresh (5 s): the DOM is that of the first drawing. Fetches pause virtual time. */
    private static final int VIRTUAL_TIME_MS = 3_000;
    /** Not an assertion: a browser hung for this long is killed, and the check fails saying so. */
    private static final long HUNG_SECONDS = 120;

    private final Path executable;
    private final Path profiles;

    private HeadlessChromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    /** The browser on the PATH; see the class comment for when it is missing. */
    public static Optional<HeadlessChromium> find(Path work) {
        return find(System.getenv(), work);
    }

    static Optional<HeadlessChromium> find(Map<String, String> environment, Path work) {
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, work));
                }
            }
        }
        String install = "install it with: sudo apt-get install -y chromium (Debian/Ubuntu; .ci/run does this)";
        if ("required".equals(environment.get(REQUIRED_VARIABLE))) {
            throw new AssertionError("The dashboards page's browser test needs a headless Chromium and "
                    + REQUIRED_VARIABLE + "=required is set, but there is no chromium on the PATH: " + install);
        }
        System.err.println("WARNING: no chromium on the PATH: the dashboards page's browser checks are SKIPPED; "
                + install + " (set " + REQUIRED_VARIABLE + "=required to fail instead)");
        return Optional.empty();
    }

    /**
     * Opens {@code page} in a window of {@code windowSize} ({@code width,height}); once its scripts ran out of virtual
     * time, writes a PNG of it to {@code png} and returns its DOM (one browser run does both).
     */
    public String open(URI page, String windowSize, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return run(page, windowSize, "--screenshot=" + png.toAbsolutePath());
    }

    private String run(URI page, String windowSize, String screenshot) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(Files.createDirectories(profiles), "chromium-");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=" + windowSize,
                "--virtual-time-budget=" + VIRTUAL_TIME_MS, screenshot, "--dump-dom", page.toString()));
        Path log = profile.resolve("chromium.log");
        Path dom = profile.resolve("dom.html");
        try {
            // Both streams to files: a hung browser cannot block a read, only the bounded wait below.
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(dom.toFile())
                    .start();
            if (!process.waitFor(HUNG_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("chromium did not finish within " + HUNG_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited with " + process.exitValue() + ": " + command + "\n"
                        + Files.readString(log));
            }
            return Files.readString(dom, StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
        }
    }

    /** A browser profile is megabytes of caches: gone once the page was read. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A helper process still writing: the leftover is under target/ and goes with mvn clean.
        }
    }
}
