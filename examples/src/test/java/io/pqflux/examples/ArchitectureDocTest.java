package io.pqflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module table of {@code docs/architecture.md} against the {@code module-info.java} files: every module is a row
 * naming its folder; the row names every {@code io.pqflux} module it requires and every package it exports (to
 * everyone in the third column, qualified ones in the fourth); and every {@code io.pqflux} package the third column
 * names is exported by the module.
 */
class ArchitectureDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.pqflux[\\w.]*)` \\(`([\\w-]+)/`\\) \\|(.*)$", Pattern.MULTILINE);
    private static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    private static final Pattern REQUIRES = Pattern.compile("^\\s*requires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)(?:\\s+to\\s+([\\w.,\\s]+))?;", Pattern.MULTILINE);
    private static final Pattern NAMED_PACKAGE = Pattern.compile("`(io\\.pqflux\\.[\\w.]+)`");

    record Descriptor(String name, String folder, List<String> requires, List<String> exports, Map<String, String> qualified) {
    }

    @Test
    void theModuleTableMatchesTheModuleDescriptors() {
        Map<String, Descriptor> descriptors = descriptors();
        assertThat(descriptors).as("module-info files").hasSizeGreaterThanOrEqualTo(11);
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(RepoFiles.read("docs/architecture.md"));
        while (row.find()) {
            String[] cells = row.group(3).split("\\|", -1);
            rows.put(row.group(1), new String[] {row.group(2), cells[0], cells[1], cells.length > 2 ? cells[2] : ""});
        }
        assertThat(rows.keySet()).as("modules in docs/architecture.md").containsExactlyInAnyOrderElementsOf(descriptors.keySet());
        for (Descriptor module : descriptors.values()) {
            String[] cells = rows.get(module.name());
            assertThat(cells[0]).as("folder of %s", module.name()).isEqualTo(module.folder());
            for (String required : module.requires()) {
                if (required.startsWith("io.pqflux.")) {
                    assertThat(cells[1]).as("requires of %s", module.name()).contains("`" + required + "`");
                }
            }
            for (String exported : module.exports()) {
                assertThat(cells[2]).as("exports of %s", module.name()).contains("`" + exported + "`");
            }
            Matcher named = NAMED_PACKAGE.matcher(cells[2]);
            while (named.find()) {
                assertThat(module.exports()).as("packages %s exports, named by the table", module.name()).contains(named.group(1));
            }
            module.qualified().forEach((exported, targets) -> {
                String last = exported.substring(exported.lastIndexOf('.') + 1);
                assertThat(cells[3]).as("qualified export %s of %s", exported, module.name())
                        .containsAnyOf("`" + exported + "`", "`." + last + "`", "`" + last + "`");
                for (String target : targets.split(",")) {
                    String to = target.strip();
                    if (!to.equals("io.pqflux.cli")) assertThat(cells[3]).as("target %s of %s", to, exported).contains("`" + to + "`");
                }
            });
        }
    }

    private static Map<String, Descriptor> descriptors() {
        Map<String, Descriptor> descriptors = new TreeMap<>();
        try (Stream<Path> folders = Files.list(RepoFiles.root())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path info = folder.resolve("src/main/java/module-info.java");
                if (!Files.isRegularFile(info)) continue;
                String text = Files.readString(info).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher name = MODULE.matcher(text);
                assertThat(name.find()).as("module declaration in %s", info).isTrue();
                List<String> requires = new ArrayList<>();
                Matcher required = REQUIRES.matcher(text);
                while (required.find()) requires.add(required.group(1));
                List<String> exports = new ArrayList<>();
                Map<String, String> qualified = new LinkedHashMap<>();
                Matcher exported = EXPORTS.matcher(text);
                while (exported.find()) {
                    if (exported.group(2) == null) exports.add(exported.group(1));
                    else qualified.put(exported.group(1), exported.group(2));
                }
                descriptors.put(name.group(1), new Descriptor(name.group(1), folder.getFileName().toString(), requires, exports, qualified));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return descriptors;
    }
}
