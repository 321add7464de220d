package io.pqflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The BOM lists every library module (those with a module-info, and those that name an automatic module because their
 * dependencies have no descriptors, as flink/) at the project's version, and nothing else.
 */
class BomTest {

    @Test
    void listsEveryLibraryModuleAtTheProjectVersion() throws Exception {
        Document bom = parse(RepoFiles.read("bom/pom.xml"));
        Document parent = parse(RepoFiles.read("pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        List<String> listed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(child(dependency, "groupId")).isEqualTo("io.pqflux");
            assertThat(child(dependency, "version")).isEqualTo("${project.version}");
            listed.add(child(dependency, "artifactId"));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(libraryArtifacts());
    }

    /** The artifactIds of the modules that are JPMS modules, named or automatic: the library users depend on. */
    private static List<String> libraryArtifacts() throws Exception {
        List<String> artifacts = new ArrayList<>();
        try (Stream<Path> modules = Files.list(RepoFiles.root())) {
            for (Path module : modules.filter(BomTest::isLibrary).toList()) {
                artifacts.add(child(parse(Files.readString(module.resolve("pom.xml"))).getDocumentElement(), "artifactId"));
            }
        }
        return artifacts;
    }

    private static boolean isLibrary(Path module) {
        try {
            return Files.isRegularFile(module.resolve("src/main/java/module-info.java"))
                    || Files.isRegularFile(module.resolve("pom.xml")) && Files.readString(module.resolve("pom.xml")).contains("<Automatic-Module-Name>");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** The text of the element's direct child of that name. */
    private static String child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e.getTextContent().trim();
        }
        throw new IllegalStateException("no <" + name + "> in <" + element.getTagName() + ">");
    }
}
