package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only folders ({@code rwx------}) and files ({@code rw-------}) for the stack's data and the generated files
 * that hold its keys and passwords. Files are created with their permissions and filled before they take their name,
 * so no reader ever sees a secret in a file with wider permissions; existing ones are narrowed in place.
 */
public final class PrivateFiles {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} owner-only (missing parents get the usual permissions) or narrows an existing one to
     * owner-only, and returns it.
     */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute.getParent());
            try {
                // The umask can only remove permissions, never widen rwx------.
                return Files.createDirectory(absolute, attribute(OWNER_ONLY_DIRECTORY));
            } catch (FileAlreadyExistsException raced) {
                // Created meanwhile: narrowed below.
            }
        }
        Files.setPosixFilePermissions(absolute, OWNER_ONLY_DIRECTORY);
        return absolute;
    }

    /**
     * Writes {@code text} to {@code file} (UTF-8) readable only by its owner, replacing an earlier file whatever its
     * permissions: the text goes to an owner-only temporary file in the same folder, which is then renamed over
     * {@code file} in one step.
     */
    public static Path write(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + "-", ".tmp",
                attribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, text);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return absolute;
    }

    /** Narrows {@code file} to owner-only ({@code rw-------}) when it exists, e.g. one written by an older version. */
    public static void restrictIfExists(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
