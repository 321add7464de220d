package io.pqflux.storage.s3.internal;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One page of a {@code ListObjectsV2} response, parsed with the JDK's XML parser (no DTDs, no external entities).
 *
 * @param nextToken the continuation token of the next page, or null on the last page
 */
public record ListingPage(List<Entry> entries, String nextToken) {

    /** An object: key, size, ETag (as S3 writes it, quoted) and last modification (null when not sent). */
    public record Entry(String key, long size, String etag, Instant lastModified) {
    }

    public static ListingPage parse(String xml, String listing) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            List<Entry> entries = new ArrayList<>();
            NodeList contents = document.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element object = (Element) contents.item(i);
                String modified = text(object, "LastModified");
                entries.add(new Entry(text(object, "Key"), Long.parseLong(text(object, "Size")), text(object, "ETag"),
                        modified == null ? null : Instant.parse(modified)));
            }
            boolean truncated = "true".equals(text(document.getDocumentElement(), "IsTruncated"));
            String next = truncated ? text(document.getDocumentElement(), "NextContinuationToken") : null;
            if (truncated && next == null) throw new IllegalArgumentException("truncated listing without NextContinuationToken");
            return new ListingPage(entries, next);
        } catch (Exception e) {
            throw new ParquetIOException("bad ListObjectsV2 response: " + e.getMessage(), SourceLocation.ofFile(listing),
                    new IOException(e));
        }
    }

    /** The text of the first child element {@code name}, or null. */
    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
