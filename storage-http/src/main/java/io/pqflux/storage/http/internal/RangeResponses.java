package io.pqflux.storage.http.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.pqflux.io.ByteRange;

/** Checks that a successful GET answers exactly the range asked for, before any body byte is accepted. */
final class RangeResponses {

    private RangeResponses() {
    }

    /** What is wrong with the response, or {@code null} when it carries exactly {@code range}. */
    static String mismatch(int status, HttpHeaders headers, ByteRange range, long objectLength) {
        if (status == 200) {
            // some servers answer a range covering the whole object with the whole object
            if (range.offset() != 0 || range.length() != objectLength) {
                return "status 200 (whole object) for a request of bytes " + range;
            }
        } else {
            String contentRange = headers.get(HttpHeaderNames.CONTENT_RANGE);
            String expected = "bytes " + range.offset() + "-" + (range.end() - 1) + "/" + objectLength;
            if (!expected.equals(contentRange)) {
                return "Content-Range '" + contentRange + "' where '" + expected + "' was expected";
            }
        }
        String contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (contentLength != null && !contentLength.equals(Long.toString(range.length()))) {
            return "Content-Length " + contentLength + " for a request of " + range.length() + " bytes";
        }
        return null;
    }
}
