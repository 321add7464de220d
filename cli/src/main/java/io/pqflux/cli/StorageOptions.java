package io.pqflux.cli;

import io.pqflux.io.MappedInputFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a FILE or DIR argument is read from, mixed into every command that takes one: a local path, or a URI of an
 * object store ({@code s3://bucket/key}; a DIR: {@code s3://bucket/prefix}) opened through the store modules on the
 * class or module path, with the object-storage options. S3 credentials come from the AWS SDK's default chain
 * (environment, system properties, profile files, container and instance metadata) unless anonymous access is asked for.
 */
final class StorageOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--s3-endpoint", paramLabel = "URL", converter = EndpointConverter.class,
            description = "S3-compatible service to read s3:// files from, e.g. http://localhost:9000 "
                    + "(default: $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL, else AWS S3).")
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

    @Option(names = "--store-option", paramLabel = "KEY=VALUE",
            description = "A setting of the object store a URI opens (repeatable), e.g. endpoint=http://127.0.0.1:10000/"
                    + "devstoreaccount1 for az://; see docs/storage.md for each store's keys.")
    private Map<String, String> storeOptions = new LinkedHashMap<>();

    /** Opens FILE: URIs through their object store, anything else as a local path. */
    InputSource open(String file) throws NoSuchFileException {
        if (ObjectStores.isUri(file)) return openObject(file);
        Path path = localPath(file);
        // a plain "no such file" rather than the mapping error for a missing one
        if (!Files.exists(path)) throw new NoSuchFileException(file);
        return InputSource.local(MappedInputFile.open(path));
    }

    /** Opens the store a URI's prefix roots ({@link ObjectStores#isUri}); the caller closes it. */
    ObjectStore openUri(String uri) {
        return store(uri);
    }

    /** Opens DIR as a dataset: a URI's prefix, or a local directory. */
    DatasetRoot openDataset(String dir) throws NoSuchFileException {
        if (ObjectStores.isUri(dir)) return DatasetRoot.object(store(dir));
        Path path = localPath(dir);
        if (!Files.exists(path)) throw new NoSuchFileException(dir);
        if (!Files.isDirectory(path)) {
            throw new ParameterException(command.commandLine(), dir + " is not a directory (cat reads one file)");
        }
        return DatasetRoot.local(path);
    }

    private Path localPath(String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new ParameterException(command.commandLine(), "invalid path " + location + ": " + e.getReason());
        }
    }

    /** An object's store is its container's root, so the object is read by its whole key. */
    private InputSource openObject(String uri) {
        String scheme = uri.substring(0, uri.indexOf("://"));
        int authorityEnd = uri.indexOf('/', scheme.length() + 3);
        if (authorityEnd < 0 || authorityEnd == uri.length() - 1) {
            throw new ParameterException(command.commandLine(), "expected " + scheme + "://"
                    + (scheme.equalsIgnoreCase("s3") ? "bucket" : "container") + "/key, got " + uri);
        }
        ObjectStore store = store(uri.substring(0, authorityEnd));
        try {
            return InputSource.object(store, store.openInputFile(uri.substring(authorityEnd + 1), 0));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private ObjectStore store(String uri) {
        try {
            return ObjectStores.open(uri, settings(URI.create(uri).getScheme()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** The settings of a store of {@code scheme}: the --s3-* options for s3, and every --store-option. */
    Map<String, String> settings(String scheme) {
        Map<String, String> settings = new LinkedHashMap<>();
        if ("s3".equalsIgnoreCase(scheme)) {
            if (endpoint != null) settings.put("endpoint", endpoint.toString());
            if (region != null) settings.put("region", region);
            if (pathStyle) settings.put("path-style", "true");
            if (anonymous) settings.put("anonymous", "true");
        }
        settings.putAll(storeOptions);
        return settings;
    }

    /** An endpoint URL: http or https, with a host; {@code 127.0.0.1:9000} is refused saying what is missing. */
    static final class EndpointConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            if (!value.contains("://")) {
                throw new TypeConversionException("'" + value + "' has no scheme; expected a URL such as http://" + value);
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason() + " at index "
                        + e.getIndex());
            }
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new TypeConversionException("'" + value + "': expected an http:// or https:// URL with a host");
            }
            return uri;
        }
    }
}
