package io.github.flinklakehouse.deploy.stack;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests the web UI's port lets through to Flink's REST API: a browser sends a cross-origin multipart upload
 * without asking first (a "simple" CORS request), and Flink itself checks no origin, so any web page the user visits
 * could upload and run a jar. Refused here:
 * <ul>
 *   <li>a state-changing request (anything but GET, HEAD, OPTIONS) whose {@code Origin} is not the page's own
 *       address ({@code http://} + the {@code Host} it was sent to); requests without {@code Origin} (the CLI, curl)
 *       are no browser page's and pass;</li>
 *   <li>on a loopback stack, any request addressed to a host name other than a loopback one: a foreign page whose
 *       DNS name was re-pointed at 127.0.0.1 (DNS rebinding) would otherwise be "same origin".</li>
 * </ul>
 */
record WebOriginPolicy(boolean loopbackHostsOnly, Set<String> loopbackNames) {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    WebOriginPolicy {
        loopbackNames = Set.copyOf(loopbackNames);
    }

    /**
     * The policy of a stack listening on {@code bindHost}. On a non-loopback address the users' host names are not
     * known (and the port is open to the network anyway, see {@code NetworkExposure}): only the origin check applies.
     */
    static WebOriginPolicy forBindHost(String bindHost) {
        Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        names.add(bindHost.toLowerCase(Locale.ROOT));
        return new WebOriginPolicy(NetworkExposure.isLoopback(bindHost), names);
    }

    /**
     * Why the request must not reach Flink, or empty when it may.
     *
     * @param host the {@code Host} header, null when absent
     * @param origin the {@code Origin} header, null when absent
     */
    Optional<String> refusal(String method, String host, String origin) {
        if (loopbackHostsOnly && (host == null || !isLoopbackName(hostName(host)))) {
            return Optional.of("Host '" + host + "' is not a loopback name: this Flink web UI answers only at "
                    + "localhost or 127.0.0.1 (a foreign site's name pointing here is DNS rebinding)");
        }
        if (origin != null && !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))
                && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            return Optional.of(method + " from origin '" + origin + "' refused: only the Flink web UI itself (http://"
                    + host + ") or a client without an Origin header (the lakehouse CLI, curl) may change this cluster");
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
