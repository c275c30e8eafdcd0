package io.github.flinklakehouse.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSelectionTest {

    @TempDir
    Path dir;

    private Path oct;
    private Path nov;
    private Path notes;

    @BeforeEach
    void files() throws IOException {
        oct = Files.writeString(dir.resolve("2019-Oct.csv.gz"), "12345");
        nov = Files.writeString(dir.resolve("2019-Nov.csv.gz"), "1234567");
        notes = Files.writeString(dir.resolve("notes.txt"), "abc");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".2019-Dec.csv.gz.crc"), "xx");
        Files.createDirectory(dir.resolve("2019-sub"));
        Files.writeString(dir.resolve("2019-sub").resolve("2019-Jan.csv.gz"), "nested");
    }

    @Test
    void aFileIsItself() throws IOException {
        assertThat(FileSelection.resolve(oct.toString())).isEqualTo(new FileSelection(List.of(uri(oct)), 5));
    }

    @Test
    void aFolderIsItsVisibleFilesSortedWithoutRecursion() throws IOException {
        assertThat(FileSelection.resolve(dir.toString()))
                .isEqualTo(new FileSelection(List.of(uri(nov), uri(oct), uri(notes)), 15));
    }

    @Test
    void aGlobInTheLastSegmentMatchesFilesOnly() throws IOException {
        assertThat(FileSelection.resolve(dir + "/2019-*.csv.gz"))
                .isEqualTo(new FileSelection(List.of(uri(nov), uri(oct)), 12));
        assertThat(FileSelection.resolve("file://" + dir + "/2019-O?t.csv.{gz,bz2}"))
                .isEqualTo(new FileSelection(List.of(uri(oct)), 5));
    }

    @Test
    void entriesAreCommaSeparatedAndAFileNamedTwiceIsReadOnce() throws IOException {
        assertThat(FileSelection.resolve(" " + notes + " ," + dir + "/*.gz,," + oct))
                .isEqualTo(new FileSelection(List.of(uri(notes), uri(nov), uri(oct)), 15));
    }

    @Test
    void aCommaInsideGlobBracesBelongsToTheGlob() throws IOException {
        assertThat(FileSelection.resolve(notes + "," + dir + "/2019-{Oct,Nov}.csv.gz"))
                .isEqualTo(new FileSelection(List.of(uri(notes), uri(nov), uri(oct)), 15));
        assertThatThrownBy(() -> FileSelection.resolve(dir + "/2019-[.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not a valid glob: " + dir + "/2019-[.csv");
    }

    @Test
    void relativePathsAreMadeAbsolute() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(oct);
        assertThat(FileSelection.resolve(relative.toString()).files()).containsExactly(uri(oct));
    }

    @Test
    void missingInputFailsNamingTheEntry() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> FileSelection.resolve(oct + "," + dir + "/2019-Dec.csv"))
                .isInstanceOf(FileNotFoundException.class).hasMessage("No such file: " + dir + "/2019-Dec.csv");
        assertThatThrownBy(() -> FileSelection.resolve(dir + "/*.parquet"))
                .isInstanceOf(FileNotFoundException.class).hasMessage("No files match " + dir + "/*.parquet");
        assertThatThrownBy(() -> FileSelection.resolve(dir + "/nowhere/*.csv"))
                .isInstanceOf(FileNotFoundException.class).hasMessage("No files match " + dir + "/nowhere/*.csv");
        assertThatThrownBy(() -> FileSelection.resolve(empty.toString()))
                .isInstanceOf(FileNotFoundException.class).hasMessage("No files in folder " + empty);
        assertThatThrownBy(() -> FileSelection.resolve(" , "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No input files given");
    }

    @Test
    void wildcardsOutsideTheLastSegmentAreRefused() {
        assertThatThrownBy(() -> FileSelection.resolve(dir + "/2019-*/x.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wildcards are only allowed in the last path segment: " + dir + "/2019-*/x.csv");
    }

    @Test
    void anUnknownSchemeFailsNamingTheEntry() {
        assertThatThrownBy(() -> FileSelection.resolve("nosuchfs://bucket/in/a.csv"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("Cannot list nosuchfs://bucket/in/a.csv: ");
    }

    /** The name Flink's local file system gives a file, the form the file source's splits carry. */
    private static String uri(Path file) {
        return "file:" + file;
    }
}
