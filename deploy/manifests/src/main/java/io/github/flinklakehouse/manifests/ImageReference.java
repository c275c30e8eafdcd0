package io.github.flinklakehouse.manifests;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a container image reference is pinned: a digest, or a tag naming at least a minor version
 * ({@code 17.6}, {@code 2.0.0-java17}, {@code v0.50.36}) or a dated release ({@code RELEASE.2025-04-22T22-12-26Z}).
 * {@code latest}, no tag and a bare major ({@code postgres:17}) move under the user's feet.
 */
public final class ImageReference {

    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+\\.\\d+.*|RELEASE\\.\\d{4}-\\d{2}-\\d{2}T.*");

    private ImageReference() {
    }

    /** Why {@code image} is not pinned, or empty when it is. */
    public static Optional<String> unpinned(String image) {
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        int lastSlash = image.lastIndexOf('/');
        int colon = image.indexOf(':', lastSlash + 1);
        if (colon < 0) {
            return Optional.of("image " + image + " has no tag (that is `latest`); pin a version");
        }
        String tag = image.substring(colon + 1);
        if (!VERSION_TAG.matcher(tag).matches()) {
            return Optional.of("image " + image + " is not pinned: tag '" + tag + "' names no minor version, dated "
                    + "release or digest");
        }
        return Optional.empty();
    }
}
