package io.pqflux.cli;

import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.s3.AddressingStyle;
import io.pqflux.reactive.s3.S3Config;
import io.pqflux.reactive.s3.S3Location;
import io.pqflux.reactive.s3.S3Storage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Where a FILE or DIR argument is read from, mixed into every command that takes one: a local path, or {@code
 * s3://bucket/key} (a DIR: {@code s3://bucket/prefix}) with the object-storage options. Credentials come from the AWS SDK's default chain
 * (environment, system properties, profile files, container and instance metadata) unless anonymous access is asked for.
 */
final class StorageOptions {

    /** The AWS CLI's variables for a custom endpoint: the S3-specific one wins over the general one. */
    static final String ENDPOINT_S3_VARIABLE = "AWS_ENDPOINT_URL_S3";
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    private static final String S3_SCHEME = "s3://";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3-compatible service to read s3:// files from, e.g. http://localhost:9000 "
                    + "(default: $" + ENDPOINT_S3_VARIABLE + ", else $" + ENDPOINT_VARIABLE + ", else AWS S3).")
    private URI endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION",
            description = "Signing region (default: $AWS_REGION, the profile's region, else us-east-1).")
    private String region;

    @Option(names = "--s3-path-style",
            description = "Address buckets as http://endpoint/bucket/key (most S3-compatible servers) instead of "
                    + "http://bucket.endpoint/key.")
    private boolean pathStyle;

    @Option(names = "--s3-anonymous",
            description = "Send unsigned requests (public buckets) instead of looking for credentials.")
    private boolean anonymous;

    /** Opens FILE: {@code s3://} URIs through object storage, anything else as a local path. */
    InputSource open(String file) throws NoSuchFileException {
        if (file.startsWith(S3_SCHEME)) return openObject(file);
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new ParameterException(command.commandLine(), "invalid path " + file + ": " + e.getReason());
        }
        // a plain "no such file" rather than the mapping error for a missing one
        if (!Files.exists(path)) throw new NoSuchFileException(file);
        return InputSource.local(MappedInputFile.open(path));
    }

    /** Opens DIR as a dataset: {@code s3://bucket/prefix} through object storage, anything else as a local directory. */
    DatasetRoot openDataset(String dir) throws NoSuchFileException {
        if (dir.startsWith(S3_SCHEME)) {
            String rest = dir.substring(S3_SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            S3Config config;
            try {
                if (bucket.isEmpty()) throw new IllegalArgumentException("expected s3://bucket/prefix, got " + dir);
                config = config(System.getenv());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), e.getMessage());
            }
            return DatasetRoot.object(S3Storage.create(config), bucket, prefix);
        }
        Path path;
        try {
            path = Path.of(dir);
        } catch (InvalidPathException e) {
            throw new ParameterException(command.commandLine(), "invalid path " + dir + ": " + e.getReason());
        }
        if (!Files.exists(path)) throw new NoSuchFileException(dir);
        if (!Files.isDirectory(path)) {
            throw new ParameterException(command.commandLine(), dir + " is not a directory (cat reads one file)");
        }
        return DatasetRoot.local(path);
    }

    private InputSource openObject(String uri) {
        S3Location location;
        S3Config config;
        try {
            location = S3Location.parse(uri);
            config = config(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        S3Storage storage = S3Storage.create(config);
        try {
            return InputSource.object(storage, storage.openInputFile(location));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /**
     * An {@code s3://bucket/prefix} root's bucket and prefix (prefix without trailing slash, possibly empty).
     *
     * @throws ParameterException when the URI has no bucket
     */
    String[] bucketAndPrefix(String uri) {
        String rest = uri.substring(S3_SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) throw new ParameterException(command.commandLine(), "expected s3://bucket/prefix, got " + uri);
        return new String[] {bucket, prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix};
    }

    /** A store for this command's s3:// arguments; the caller closes it. */
    S3Storage storage() {
        try {
            return S3Storage.create(config(System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** The store's configuration from the options, with the endpoint variables of the AWS CLI as fallbacks. */
    S3Config config(Map<String, String> environment) {
        S3Config config = S3Config.defaults()
                .withEndpoint(endpoint != null ? endpoint : endpointFrom(environment))
                .withRegion(region)
                .withAddressing(pathStyle ? AddressingStyle.PATH : AddressingStyle.VIRTUAL_HOST);
        return anonymous ? config.withCredentials(AnonymousCredentialsProvider.create()) : config;
    }

    private static URI endpointFrom(Map<String, String> environment) {
        for (String variable : new String[] {ENDPOINT_S3_VARIABLE, ENDPOINT_VARIABLE}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                try {
                    return URI.create(value.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(variable + " is not a URL: " + value, e);
                }
            }
        }
        return null;
    }
}
