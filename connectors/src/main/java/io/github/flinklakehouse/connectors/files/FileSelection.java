package io.github.flinklakehouse.connectors.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The concrete files a user's input names, resolved before a job is built so that a typo fails at submission,
 * not halfway through a load.
 *
 * <p>The input is a comma-separated list of entries; each entry is a file, a folder (its files, not recursive,
 * sorted by name, skipping hidden names that start with {@code _} or {@code .}) or a glob in the last path
 * segment ({@code /data/2019-*.csv.gz}, {@code s3://bucket/in/*.csv}; same hidden-name rule). Entries without a
 * scheme are local paths, made absolute against the working directory. Everything goes through Flink's
 * {@link FileSystem}, so {@code s3://} works wherever the S3 file system plugin is loaded. A file named by two
 * entries is read once.
 *
 * @param files the files, in input order, as the file system names them (e.g. {@code file:/data/a.csv})
 * @param totalBytes the sum of their sizes as stored (compressed sizes for compressed files)
 */
public record FileSelection(List<String> files, long totalBytes) {

    private static final Pattern GLOB_CHARACTERS = Pattern.compile("[*?\\[{]");
    private static final Pattern HAS_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    public FileSelection {
        files = List.copyOf(files);
    }

    /**
     * Resolves a comma-separated list of entries (commas inside glob braces belong to the glob).
     *
     * @throws FileNotFoundException naming the entry when a file is missing, a folder has no files or a glob
     *     matches nothing
     * @throws IOException naming the entry when listing fails otherwise (e.g. no file system for its scheme)
     */
    public static FileSelection resolve(String commaSeparatedEntries) throws IOException {
        Objects.requireNonNull(commaSeparatedEntries, "commaSeparatedEntries");
        return resolve(splitEntries(commaSeparatedEntries));
    }

    /** Resolves each entry of {@code entries} (see {@link #resolve(String)}). */
    public static FileSelection resolve(List<String> entries) throws IOException {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("No input files given");
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String entry : entries) {
            for (FileStatus file : expand(entry)) {
                sizes.putIfAbsent(file.getPath().toString(), file.getLen());
            }
        }
        return new FileSelection(new ArrayList<>(sizes.keySet()), sizes.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Splits on commas outside glob braces, so {@code /in/*.{csv,gz}} stays one entry. */
    private static List<String> splitEntries(String input) {
        List<String> entries = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= input.length(); i++) {
            char c = i < input.length() ? input.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ',' && (depth == 0 || i == input.length())) {
                String entry = input.substring(start, i).trim();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
                start = i + 1;
            }
        }
        return entries;
    }

    private static List<FileStatus> expand(String entry) throws IOException {
        String location = HAS_SCHEME.matcher(entry).matches() ? entry
                : java.nio.file.Path.of(entry).toAbsolutePath().normalize().toString();
        int lastSlash = location.lastIndexOf('/');
        String lastSegment = location.substring(lastSlash + 1);
        if (GLOB_CHARACTERS.matcher(location.substring(0, lastSlash + 1)).find()) {
            throw new IllegalArgumentException("Wildcards are only allowed in the last path segment: " + entry);
        }
        try {
            if (GLOB_CHARACTERS.matcher(lastSegment).find()) {
                return matching(entry, new Path(lastSlash == 0 ? "/" : location.substring(0, lastSlash)), lastSegment);
            }
            return fileOrFolder(entry, new Path(location));
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Cannot list " + entry + ": " + e.getMessage(), e);
        }
    }

    private static List<FileStatus> fileOrFolder(String entry, Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("No such file: " + entry);
        }
        if (!status.isDir()) {
            return List.of(status);
        }
        List<FileStatus> files = visibleFiles(fs.listStatus(status.getPath()), null);
        if (files.isEmpty()) {
            throw new FileNotFoundException("No files in folder " + entry);
        }
        return files;
    }

    private static List<FileStatus> matching(String entry, Path folder, String glob) throws IOException {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid glob: " + entry + " (" + e.getMessage() + ")", e);
        }
        FileStatus[] listed;
        try {
            listed = folder.getFileSystem().listStatus(folder);
        } catch (FileNotFoundException e) {
            listed = null;
        }
        List<FileStatus> files = visibleFiles(listed, matcher);
        if (files.isEmpty()) {
            throw new FileNotFoundException("No files match " + entry);
        }
        return files;
    }

    private static List<FileStatus> visibleFiles(FileStatus[] listed, PathMatcher matcher) {
        if (listed == null) {
            return List.of();
        }
        return Arrays.stream(listed)
                .filter(status -> !status.isDir())
                .filter(status -> !hidden(status.getPath().getName()))
                .filter(status -> matcher == null || matcher.matches(java.nio.file.Path.of(status.getPath().getName())))
                .sorted(Comparator.comparing(status -> status.getPath().getName()))
                .toList();
    }

    /** Hidden as Flink's file source defines it (and as Spark/Hadoop write markers such as {@code _SUCCESS}). */
    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
