package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqflux.error.ParquetIOException;
import io.pqflux.storage.ObjectRequestException;
import io.pqflux.storage.RequestFailure;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.http.HttpObject;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that answers ranged GETs with the wrong bytes' headers, more bytes than asked for, or fewer: every such
 * read fails typed (a wrong answer at once, a short body after its retries), never returns bytes, and leaves no
 * netty buffer behind, also when the body of the refused response was already on its way.
 */
@ExtendWith(NoBufferLeaks.class)
class BadResponseTest {

    private static final byte[] DATA = S3FileTest.randomBytes(256 << 10, 3);
    private static final int ATTEMPTS = 3;

    /** How the server lies about a GET of {@code bytes=first-last}. */
    enum Lie {
        /** 206 with a Content-Range one byte off, and a body of the asked length. */
        SHIFTED_CONTENT_RANGE(RequestFailure.BAD_RESPONSE, 1,
                r -> response(206, contentRange(r.first + 1, r.last + 1) + contentLength(r.length()), r.bytes(1))),
        /** 200 and the whole object for a range that is only part of it. */
        WHOLE_OBJECT_FOR_A_RANGE(RequestFailure.BAD_RESPONSE, 1,
                r -> response(200, contentLength(DATA.length), DATA)),
        /** The right Content-Range but a Content-Length that disagrees with it. */
        WRONG_CONTENT_LENGTH(RequestFailure.BAD_RESPONSE, 1,
                r -> response(206, contentRange(r.first, r.last) + contentLength(r.length() + 1), r.bytes(0, 1))),
        /** Right headers, chunked, and more bytes than asked for. */
        BODY_LONGER_THAN_ASKED(RequestFailure.BAD_RESPONSE, 1,
                r -> chunked(206, contentRange(r.first, r.last), r.bytes(0, 100))),
        /** Right headers, chunked, and the body ends early but cleanly. */
        BODY_SHORTER_THAN_ASKED(RequestFailure.CONNECTION, ATTEMPTS,
                r -> chunked(206, contentRange(r.first, r.last), r.bytes(0, -100)));

        final RequestFailure failure;
        final int attempts;
        final Function<RangeRequest, byte[]> answer;

        Lie(RequestFailure failure, int attempts, Function<RangeRequest, byte[]> answer) {
            this.failure = failure;
            this.attempts = attempts;
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(Lie.class)
    void aResponseThatDoesNotAnswerTheRangeFailsTypedWithoutLeaking(Lie lie) throws Exception {
        try (LyingServer server = new LyingServer(lie);
             S3Storage storage = S3Storage.create(LocalS3.configFor(server.endpoint())
                     .withTransfer(t -> t.withRetry(new RetryPolicy(ATTEMPTS, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)))))) {
            HttpObject file = storage.open(S3Location.parse("s3://bucket/data.bin")).block();
            assertThat(file.length()).isEqualTo(DATA.length);
            for (int i = 0; i < 20; i++) {
                long offset = 1_000L * i;
                ParquetIOException e = assertThrows(ParquetIOException.class, () -> file.read(offset, 50_000).block());
                ObjectRequestException cause = (ObjectRequestException) e.getCause();
                assertThat(cause.failure()).as(e.getMessage()).isEqualTo(lie.failure);
                assertThat(cause.attempts()).isEqualTo(lie.attempts);
                assertThat(e.getMessage()).contains("s3://bucket/data.bin");
            }
        }
    }

    private record RangeRequest(long first, long last) {
        long length() {
            return last - first + 1;
        }

        /** The asked bytes moved by {@code shift}. */
        byte[] bytes(int shift) {
            return Arrays.copyOfRange(DATA, (int) first + shift, (int) last + 1 + shift);
        }

        /** The asked bytes with {@code extra} more (or fewer) at the end. */
        byte[] bytes(int shift, int extra) {
            return Arrays.copyOfRange(DATA, (int) first + shift, (int) last + 1 + extra);
        }
    }

    private static String contentRange(long first, long last) {
        return "Content-Range: bytes " + first + "-" + last + "/" + DATA.length + "\r\n";
    }

    private static String contentLength(long length) {
        return "Content-Length: " + length + "\r\n";
    }

    private static byte[] response(int status, String headers, byte[] body) {
        return concat(head(status, headers), body);
    }

    private static byte[] chunked(int status, String headers, byte[] body) {
        byte[] chunk = concat(concat((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), body),
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return concat(head(status, headers + "Transfer-Encoding: chunked\r\n"), chunk);
    }

    private static byte[] head(int status, String headers) {
        return ("HTTP/1.1 " + status + " Lie\r\nETag: \"v1\"\r\nConnection: close\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** HTTP/1.1 on loopback, one request per connection: HEAD tells the truth, GET lies. */
    private static final class LyingServer implements AutoCloseable {

        private static final Pattern RANGE = Pattern.compile("range: bytes=(\\d+)-(\\d+)");

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final Lie lie;

        LyingServer(Lie lie) throws IOException {
            this.lie = lie;
            threads.execute(this::accept);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    threads.execute(() -> answer(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void answer(Socket connection) {
            try (connection) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                String requestLine = in.readLine();
                RangeRequest range = null;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    Matcher m = RANGE.matcher(line.toLowerCase(Locale.ROOT));
                    if (m.matches()) range = new RangeRequest(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                }
                OutputStream out = connection.getOutputStream();
                if (requestLine != null && requestLine.startsWith("HEAD")) {
                    out.write(head(200, contentLength(DATA.length)));
                } else if (range != null) {
                    out.write(lie.answer.apply(range));
                }
                out.flush();
            } catch (IOException clientWentAway) {
                // the client may close as soon as it has seen the headers it refuses
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }
}
