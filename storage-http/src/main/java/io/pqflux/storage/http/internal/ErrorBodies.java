package io.pqflux.storage.http.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's error code: Azure's {@code x-ms-error-code} header (also the only one a HEAD can carry), else the code
 * of an XML error body as S3 and Azure write it ({@code <Error><Code>NoSuchKey</Code>…}).
 */
final class ErrorBodies {

    private static final String ERROR_CODE_HEADER = "x-ms-error-code";
    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");

    private ErrorBodies() {
    }

    static String errorCode(HttpHeaders headers) {
        return headers.get(ERROR_CODE_HEADER);
    }

    /** The code, or {@code null} when the body has none. */
    static String errorCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
