package io.github.flinklakehouse.dashboards.web;

import io.github.flinklakehouse.dashboards.Dashboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Opens each dashboard of a running {@link DashboardServer} in {@link HeadlessChromium} and reports what is wrong: the
 * page did not finish, a script error, a chart without rows or with an error; and writes a screenshot of each
 * dashboard ({@code <slug>.png}) for a person to look at. Reads the attributes {@code dashboard.js} sets once every
 * chart was drawn ({@code data-ready}, {@code data-errors}, per card {@code data-state}, {@code data-rows}).
 */
public final class DashboardPageCheck {
    private static final int WIDTH = 1600;

    private DashboardPageCheck() {
    }

    /**
     * Serves {@code dashboards} on the marts in {@code schema} (read as {@code marts}) as {@code user} (a read-only
     * role), opens each page in headless Chromium and returns every problem, each naming its dashboard; the screenshots
     * go to {@code screenshots}. Empty too when there is no Chromium and it is not required ({@link HeadlessChromium}
     * printed a warning).
     */
    public static List<String> problems(String jdbcUrl, String user, String password, String schema,
            List<Dashboard> dashboards, Path screenshots) throws IOException, InterruptedException {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(screenshots.resolve("browser"));
        if (chromium.isEmpty()) {
            return List.of();
        }
        MartsReader marts = new MartsReader(jdbcUrl, user, password, schema, Duration.ofSeconds(30), 5_000);
        try (DashboardServer server = DashboardServer.start(dashboards, marts, 0, Duration.ofSeconds(5))) {
            return problems(chromium.get(), server, dashboards, screenshots);
        }
    }

    /** Every problem of every dashboard's page, each naming its dashboard; empty when every page is fine. */
    public static List<String> problems(HeadlessChromium chromium, DashboardServer server, List<Dashboard> dashboards,
            Path screenshots) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : dashboards) {
            String size = WIDTH + "," + height(dashboard);
            Path png = screenshots.resolve(dashboard.slug() + ".png");
            Files.deleteIfExists(png);
            Document page = Jsoup.parse(chromium.open(server.url(dashboard), size, png));
            problems.addAll(problems(dashboard, page).stream().map(p -> dashboard.name() + ": " + p).toList());
            if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                problems.add(dashboard.name() + ": no screenshot written to " + png);
            }
        }
        return problems;
    }

    /** What is wrong with {@code page}, the DOM of {@code dashboard}'s page after its scripts ran. */
    static List<String> problems(Dashboard dashboard, Document page) {
        List<String> problems = new ArrayList<>();
        Element body = page.body();
        if (!"true".equals(body.attr("data-ready"))) {
            problems.add("the page never finished drawing (no data-ready on <body>)");
        }
        if (!"0".equals(body.attr("data-errors"))) {
            problems.add("script errors: " + page.select("#script-errors li").eachText());
        }
        List<Element> cards = page.select("section.card");
        if (cards.size() != dashboard.questions().size()) {
            problems.add(cards.size() + " charts on the page, the definition has " + dashboard.questions().size()
                    + " questions");
        }
        for (Element card : cards) {
            String name = card.selectFirst("h2") == null ? "?" : card.selectFirst("h2").text();
            if (!"ok".equals(card.attr("data-state"))) {
                problems.add(name + ": " + (card.hasAttr("data-error") ? card.attr("data-error") : "not drawn"));
            } else if (!card.attr("data-rows").matches("[1-9][0-9]*")) {
                problems.add(name + ": no rows (data-rows " + card.attr("data-rows") + ")");
            }
        }
        return problems;
    }

    /** Tall enough for the whole grid: 44 px rows, 8 px gaps (dashboard.css), and the header. */
    private static int height(Dashboard dashboard) {
        int rows = dashboard.definition().questions().stream().map(q -> q.position())
                .mapToInt(p -> p.row() + p.height()).max().orElse(1);
        return 160 + rows * 52;
    }

}
