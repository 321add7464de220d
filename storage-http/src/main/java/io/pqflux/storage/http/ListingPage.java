package io.pqflux.storage.http;

import io.pqflux.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * One page of a container listing, as a service's parser read it.
 *
 * @param objects   the objects, their paths being the full keys
 * @param nextToken where the next page starts (S3's continuation token, Azure's marker), or null on the last page
 */
public record ListingPage(List<StoredObject> objects, String nextToken) {

    public ListingPage {
        objects = List.copyOf(objects);
    }

    /**
     * A listing body parsed with the JDK's XML parser the safe way (no DTDs, no external entities: a listing comes
     * from the network). The JDK's own parser, not one looked up through the thread's context class loader: on the
     * shared I/O threads that loader may be one a finished Flink job has closed.
     */
    public static Document parseXml(String xml) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
