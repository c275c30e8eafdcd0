package io.github.flinklakehouse.dashboards.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests a local web port lets through: the Flink web UI's gate (in front of Flink's REST API) and the
 * dashboards page ({@link DashboardServer}). A browser sends a cross-origin multipart upload without asking first (a
 * "simple" CORS request), and Flink itself checks no origin, so any web page the user visits could upload and run a
 * jar. Refused here:
 * <ul>
 *   <li>a state-changing request (anything but GET, HEAD, OPTIONS) whose {@code Origin} is not the page's own
 *       address ({@code http://} + the {@code Host} it was sent to); requests without {@code Origin} (the CLI, curl)
 *       are no browser page's and pass; with {@code readsChecked} (the dashboards page) reads too;</li>
 *   <li>on a loopback port, any request addressed to a host name other than a loopback one: a foreign page whose
 *       DNS name was re-pointed at 127.0.0.1 (DNS rebinding) would otherwise be "same origin".</li>
 * </ul>
 *
 * @param page what the port serves, for the refusals' messages ({@code Flink web UI}, {@code dashboards page})
 */
public record WebOriginPolicy(String page, boolean loopbackHostsOnly, Set<String> loopbackNames,
        boolean readsChecked) {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    public WebOriginPolicy {
        loopbackNames = Set.copyOf(loopbackNames);
    }

    /**
     * The Flink web UI's policy on a stack listening on {@code bindHost}. On a non-loopback address the users' host
     * names are not known (and the port is open to the network anyway, see the stack's {@code NetworkExposure}): only
     * the origin check applies.
     */
    public static WebOriginPolicy forBindHost(String bindHost) {
        Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        names.add(bindHost.toLowerCase(Locale.ROOT));
        return new WebOriginPolicy("Flink web UI", isLoopback(bindHost), names, false);
    }

    /**
     * A read-only page on a loopback port (the dashboards): loopback host names only, and no other origin's page may
     * read it either (its answers are the marts' data).
     */
    public static WebOriginPolicy loopbackPage() {
        return new WebOriginPolicy("dashboards page", true, Set.of("localhost", "127.0.0.1", "[::1]"), true);
    }

    /** True when {@code host} names a loopback address; a name that does not resolve is not. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Why the request must not pass, or empty when it may.
     *
     * @param host the {@code Host} header, null when absent
     * @param origin the {@code Origin} header, null when absent
     */
    public Optional<String> refusal(String method, String host, String origin) {
        if (loopbackHostsOnly && (host == null || !isLoopbackName(hostName(host)))) {
            return Optional.of("Host '" + host + "' is not a loopback name: this " + page + " answers only at "
                    + "localhost or 127.0.0.1 (a foreign site's name pointing here is DNS rebinding)");
        }
        boolean checked = readsChecked || !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
        if (origin != null && checked && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            return Optional.of(method + " from origin '" + origin + "' refused: only the " + page + " itself (http://"
                    + host + ") or a client without an Origin header (the lakehouse CLI, curl) may "
                    + (readsChecked ? "read it" : "change this cluster"));
        }
        return Optional.empty();
    }

    private boolean isLoopbackName(String name) {
        return loopbackNames.contains(name) || name.matches("127(\\.[0-9]{1,3}){3}");
    }

    /** {@code localhost:8081} → {@code localhost}, {@code [::1]:8081} → {@code [::1]}, lower case. */
    private static String hostName(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        int portStart = lower.lastIndexOf(':');
        return portStart > lower.lastIndexOf(']') ? lower.substring(0, portStart) : lower;
    }
}
