package io.pqflux.storage.azure.internal;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.http.ListingPage;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Pages of Azure's List Blobs responses ({@code EnumerationResults/Blobs/Blob}), parsed safely ({@link
 * ListingPage#parseXml}): each blob's name, {@code Content-Length}, ETag and {@code Last-Modified}; the
 * {@code NextMarker} of the next page, empty on the last. Listings give the ETag bare where a HEAD quotes it: it is
 * quoted here, so a listed version equals the version an opened blob reports.
 */
public final class ListBlobsPages {

    private ListBlobsPages() {
    }

    public static ListingPage parse(String xml, String listing) {
        try {
            Document document = ListingPage.parseXml(xml);
            Element root = document.getDocumentElement();
            if (!"EnumerationResults".equals(root.getNodeName())) {
                throw new IllegalArgumentException("root element " + root.getNodeName() + " instead of EnumerationResults");
            }
            List<StoredObject> blobs = new ArrayList<>();
            NodeList nodes = root.getElementsByTagName("Blob");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element blob = (Element) nodes.item(i);
                Element properties = child(blob, "Properties");
                String name = text(blob, "Name");
                String length = properties == null ? null : text(properties, "Content-Length");
                if (name == null || length == null) throw new IllegalArgumentException("a Blob without Name or Content-Length");
                String etag = text(properties, "Etag");
                String modified = text(properties, "Last-Modified");
                blobs.add(new StoredObject(name, Long.parseLong(length), etag == null || etag.startsWith("\"") ? etag : '"' + etag + '"',
                        modified == null ? null : ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            }
            String next = text(root, "NextMarker");
            return new ListingPage(blobs, next == null || next.isEmpty() ? null : next);
        } catch (Exception e) {
            throw new ParquetIOException("bad List Blobs response: " + e.getMessage(), SourceLocation.ofFile(listing),
                    new IOException(e));
        }
    }

    /** The first child element {@code name} (not a deeper descendant), or null. */
    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getNodeName().equals(name)) return element;
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent();
    }
}
