package io.pqflux.storage.azure.internal;

import io.pqflux.storage.http.RequestSigner;
import io.pqflux.storage.http.RequestTarget;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;

/**
 * Azure Storage's Shared Key authorization (docs/storage.md, "Azure Blob"): an HMAC-SHA256, keyed with the
 * base64-decoded account key, of the verb, eleven standard header slots, the {@code x-ms-*} headers in order and the
 * canonicalized resource ({@code /account} + the encoded path + the query parameters sorted, one per line). Every
 * request carries {@code x-ms-date} (so the {@code Date} slot stays empty) and {@code x-ms-version}. Pure computation,
 * safe on an event loop; without a key (anonymous or SAS access) it only adds the date and version.
 */
public final class SharedKeySigner implements RequestSigner {

    /** The REST API version requests ask for (sent as {@code x-ms-version}). */
    public static final String API_VERSION = "2025-01-05";

    /** The standard headers whose values fill the string to sign, in order (empty when absent). */
    private static final List<String> SIGNED_HEADERS = List.of("Content-Encoding", "Content-Language", "Content-Length",
            "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since",
            "Range");

    private final String account;
    /** Keyed once; each signature clones it, since a {@code Mac} is not thread-safe and looking one up may block. */
    private final Mac keyedMac;
    private final Clock clock;

    /** @param accountKey the base64 account key, or {@code null} to send requests unsigned (anonymous or SAS) */
    public SharedKeySigner(String account, String accountKey, Clock clock) {
        this.account = account;
        this.clock = clock;
        this.keyedMac = accountKey == null ? null : keyedMac(account, accountKey);
    }

    @Override
    public Mono<Map<String, List<String>>> sign(String method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers) {
        return Mono.fromSupplier(() -> signNow(method, target, query, headers));
    }

    /** {@code headers} plus {@code x-ms-date}, {@code x-ms-version} and, with a key, {@code Authorization}. */
    public Map<String, List<String>> signNow(String method, RequestTarget target, Map<String, String> query,
            Map<String, String> headers) {
        Map<String, List<String>> signed = new LinkedHashMap<>();
        headers.forEach((name, value) -> signed.put(name, List.of(value)));
        signed.put("x-ms-date", List.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC))));
        signed.put("x-ms-version", List.of(API_VERSION));
        if (keyedMac != null) {
            String signature = hmac(stringToSign(method, target, query, signed));
            signed.put("Authorization", List.of("SharedKey " + account + ":" + signature));
        }
        return signed;
    }

    String stringToSign(String method, RequestTarget target, Map<String, String> query, Map<String, List<String>> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.put(name, String.join(",", values)));
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String name : SIGNED_HEADERS) {
            String value = byName.getOrDefault(name, "");
            // a zero length is signed as the empty string (API versions since 2015-02-21)
            if (name.equals("Content-Length") && value.equals("0")) value = "";
            sb.append(value).append('\n');
        }
        Map<String, String> msHeaders = new TreeMap<>();
        byName.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-ms-")) msHeaders.put(lower, value.strip());
        });
        msHeaders.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('/').append(account).append(target.encodedPath().isEmpty() ? "/" : target.encodedPath());
        Map<String, List<String>> parameters = new TreeMap<>();
        query.forEach((name, value) -> parameters.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value));
        parameters.forEach((name, values) -> sb.append('\n').append(name).append(':')
                .append(String.join(",", values.stream().sorted().toList())));
        return sb.toString();
    }

    private static Mac keyedMac(String account, String accountKey) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(accountKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Azure account key of '" + account + "' is not base64", e);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private String hmac(String stringToSign) {
        try {
            Mac mac = (Mac) keyedMac.clone();
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HmacSHA256 provider cannot clone a keyed Mac", e);
        }
    }
}
