package io.pqflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CI runs the README's test command: the last command of the README's quick start is the one {@code .ci/run} calls. */
class TestCommandTest {

    @Test
    void ciRunsTheReadmesTestCommand() {
        String readme = RepoFiles.read("README.md");
        String quickStart = readme.substring(readme.indexOf("```sh"), readme.indexOf("```", readme.indexOf("```sh") + 5));
        List<String> commands = quickStart.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("```")).toList();
        String testCommand = commands.getLast();
        assertThat(testCommand).contains("./mvnw -B verify");
        assertThat(RepoFiles.read(".ci/run").lines()).contains(testCommand + " || status=$?");
    }
}
