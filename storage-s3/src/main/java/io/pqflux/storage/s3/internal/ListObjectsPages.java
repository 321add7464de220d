package io.pqflux.storage.s3.internal;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.storage.StoredObject;
import io.pqflux.storage.http.ListingPage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pages of {@code ListObjectsV2} responses, parsed safely ({@link ListingPage#parseXml}): each
 * object's key, size, ETag (as S3 writes it, quoted) and last modification (null when not sent); the continuation
 * token of the next page, or null on the last.
 */
public final class ListObjectsPages {

    private ListObjectsPages() {
    }

    public static ListingPage parse(String xml, String listing) {
        try {
            Document document = ListingPage.parseXml(xml);
            List<StoredObject> entries = new ArrayList<>();
            NodeList contents = document.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element object = (Element) contents.item(i);
                String modified = text(object, "LastModified");
                entries.add(new StoredObject(text(object, "Key"), Long.parseLong(text(object, "Size")), text(object, "ETag"),
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
