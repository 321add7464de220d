package io.pqflux.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's files the documentation tests compare: docs, the README, the example sources. */
final class RepoFiles {

    private static final Pattern JAVA_FENCE = Pattern.compile("^```java\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

    private RepoFiles() {
    }

    /** The repository root: the first directory up from the working directory that holds the Maven wrapper. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }

    static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of every {@code ```java} fence of a Markdown text, each ending with its last line's newline. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_FENCE.matcher(markdown);
        while (matcher.find()) blocks.add(matcher.group(1));
        return blocks;
    }

    /** The example programs' source files, by file name. */
    static List<Path> exampleSources() {
        try (Stream<Path> files = Files.list(root().resolve("examples/src/main/java/io/pqflux/examples"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
