package io.github.flinklakehouse.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void splitsOnNewlineAndDropsOneCarriageReturn() throws IOException {
        assertThat(lines("a,b\r\nc\n\r\n\nd\r\r\ne", 4)).containsExactly("a,b", "c", "", "", "d\r", "e");
    }

    @Test
    void aTerminatorAtTheEndDoesNotStartAnEmptyLine() throws IOException {
        assertThat(lines("a\nb\n", 64)).containsExactly("a", "b");
        assertThat(lines("a\nb\r\n", 3)).containsExactly("a", "b");
        assertThat(lines("", 64)).isEmpty();
        assertThat(lines("\n", 64)).containsExactly("");
    }

    @Test
    void growsTheBufferForLinesLongerThanIt() throws IOException {
        String longLine = "x".repeat(1000);
        assertThat(lines("a\n" + longLine + "\nb", 8)).containsExactly("a", longLine, "b");
    }

    @Test
    void keepsInvalidUtf8BytesUntouched() throws IOException {
        byte[] bytes = {'a', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFF, '\r', '\n'};
        LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(bytes), () -> 0L, 3, 1024);
        assertThat(splitter.nextLine()).containsExactly('a', (byte) 0xC3, (byte) 0x28);
        assertThat(splitter.nextLine()).containsExactly((byte) 0xFF);
        assertThat(splitter.nextLine()).isNull();
    }

    @Test
    void failsOnALineLongerThanTheLimit() {
        LineSplitter splitter = new LineSplitter(
                new ByteArrayInputStream("y".repeat(100).getBytes(StandardCharsets.UTF_8)), () -> 0L, 8, 64);
        assertThatThrownBy(splitter::nextLine).isInstanceOf(IOException.class)
                .hasMessage("a line is longer than 64 bytes: not a line-oriented text file");
    }

    @Test
    void reportsTheConsumedPositionOfTheRefillThatHeldTheLine() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("aaa\nbbb\ncc".getBytes(StandardCharsets.UTF_8));
        // 10 bytes in a 4-byte buffer; the stream's own position stands in for the file position.
        LineSplitter splitter = new LineSplitter(in, () -> 10 - in.available(), 4, 64);
        assertThat(splitter.nextLine()).asString().isEqualTo("aaa");
        assertThat(splitter.bytesConsumed()).isEqualTo(4);
        assertThat(splitter.nextLine()).asString().isEqualTo("bbb");
        assertThat(splitter.bytesConsumed()).isEqualTo(8);
        assertThat(splitter.nextLine()).asString().isEqualTo("cc");
        assertThat(splitter.bytesConsumed()).isEqualTo(10);
    }

    private static List<String> lines(String text, int bufferBytes) throws IOException {
        LineSplitter splitter = new LineSplitter(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), () -> 0L, bufferBytes, 1 << 20);
        List<String> lines = new ArrayList<>();
        for (byte[] line = splitter.nextLine(); line != null; line = splitter.nextLine()) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
