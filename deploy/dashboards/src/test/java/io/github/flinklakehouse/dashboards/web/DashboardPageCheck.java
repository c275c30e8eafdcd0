package io.github.flinklakehouse.dashboards.web;

import io.github.flinklakehouse.dashboards.Dashboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Every problem of every dashboard's page, each naming its dashboard; empty when every page is fine. */
    public static List<String> problems(HeadlessChromium chromium, DashboardServer server, List<Dashboard> dashboards,
            Path screenshots) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : dashboards) {
            String size = WIDTH + "," + height(dashboard);
            Document page = Jsoup.parse(chromium.dumpDom(server.url(dashboard), size));
            problems.addAll(problems(dashboard, page).stream().map(p -> dashboard.name() + ": " + p).toList());
            Path png = screenshots.resolve(dashboard.slug() + ".png");
            chromium.screenshot(server.url(dashboard), size, png);
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
