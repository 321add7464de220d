package io.pqflux.storage.s3.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads S3's error code out of an XML error body ({@code <Error><Code>NoSuchKey</Code>…}). */
final class ErrorBodies {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");

    private ErrorBodies() {
    }

    /** The code, or {@code null} when the body has none. */
    static String errorCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
