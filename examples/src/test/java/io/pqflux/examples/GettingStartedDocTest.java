package io.pqflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documentation's Java is the compiled and tested examples' code, so it cannot drift from the API:
 * docs/getting-started.md shows every example program in full, and every Java block of the README is an excerpt of one.
 */
class GettingStartedDocTest {

    @Test
    void gettingStartedShowsEveryExampleProgramVerbatim() throws IOException {
        List<String> blocks = RepoFiles.javaBlocks(RepoFiles.read("docs/getting-started.md"));
        List<Path> sources = RepoFiles.exampleSources();

        assertThat(sources).hasSize(9);
        for (Path source : sources) {
            assertThat(blocks).as("a ```java block holding all of %s", source.getFileName()).contains(Files.readString(source));
        }
        assertThat(blocks).as("one block per example, nothing else").hasSameSizeAs(sources);
    }

    @Test
    void everyJavaBlockOfTheReadmeIsAnExcerptOfAnExample() throws IOException {
        List<String> blocks = RepoFiles.javaBlocks(RepoFiles.read("README.md"));
        List<List<String>> sources = new ArrayList<>();
        for (Path source : RepoFiles.exampleSources()) sources.add(Files.readAllLines(source));

        assertThat(blocks).isNotEmpty();
        for (String block : blocks) {
            List<String> lines = block.lines().toList();
            assertThat(sources).as("an example holding the README block%n%s", block)
                    .anySatisfy(source -> assertThat(isExcerpt(lines, source)).isTrue());
        }
    }

    /**
     * Whether {@code lines} are consecutive lines of {@code source}, all indented there by the same number of spaces
     * (an excerpt from inside a method, shown in the README without the method's indentation).
     */
    static boolean isExcerpt(List<String> lines, List<String> source) {
        for (int start = 0; start + lines.size() <= source.size(); start++) {
            String first = source.get(start);
            if (!first.endsWith(lines.getFirst()) || !first.substring(0, first.length() - lines.getFirst().length()).isBlank()) {
                continue;
            }
            String indent = first.substring(0, first.length() - lines.getFirst().length());
            boolean all = true;
            for (int i = 0; i < lines.size() && all; i++) {
                String expected = lines.get(i).isEmpty() ? "" : indent + lines.get(i);
                all = source.get(start + i).equals(expected);
            }
            if (all) return true;
        }
        return false;
    }
}
