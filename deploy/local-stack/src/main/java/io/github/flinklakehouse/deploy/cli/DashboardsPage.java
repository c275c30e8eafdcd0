package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.DashboardDefinitionException;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.web.DashboardServer;
import io.github.flinklakehouse.dashboards.web.MartsReader;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dashboards page of {@code lakehouse run} ({@link DashboardServer}): the definitions of {@code deploy/dashboards}
 * on the stack's marts, read as its read-only BI role, on loopback. The page is a convenience beside the jobs: when it
 * cannot start (port taken, a broken definition) {@code run} says why and goes on without it.
 */
final class DashboardsPage {
    /** Long enough for any question on a laptop's marts, short enough that a runaway one frees its connection. */
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(15);
    /** Rows a chart gets at most; the page says when a question had more. */
    static final int ROW_LIMIT = 5_000;
    static final Duration REFRESH = Duration.ofSeconds(5);

    private DashboardsPage() {
    }

    /** Serves the dashboards of {@code folder} on {@code 127.0.0.1:port}, or explains on {@code out} why not. */
    static Optional<DashboardServer> start(PrintWriter out, Path folder, StackEndpoints endpoints, int port) {
        try {
            List<Dashboard> dashboards = Dashboards.load(folder);
            MartsReader marts = new MartsReader(endpoints.jdbcUrl(), endpoints.biUser(), endpoints.biPassword(),
                    "marts", STATEMENT_TIMEOUT, ROW_LIMIT);
            return Optional.of(DashboardServer.start(dashboards, marts, port, REFRESH));
        } catch (DashboardDefinitionException e) {
            out.println("WARNING: no dashboards page: the definitions in " + folder + " are broken: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            out.println("WARNING: no dashboards page on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port with --dashboards-port.");
        }
        return Optional.empty();
    }
}
