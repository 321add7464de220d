package io.pqflux.flink.table;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The {@code WITH} options of the {@code 'pqflux-parquet'} and {@code 'pqflux-tempo'} table connectors. Options
 * starting with {@value #STORAGE_PREFIX} go, without the prefix, to the store module that opens {@code path} (for
 * S3: {@code 'storage.endpoint'}, {@code 'storage.region'}, {@code 'storage.path-style'}, credentials).
 */
public final class PqfluxTableOptions {

    /** The prefix of the store's settings. */
    public static final String STORAGE_PREFIX = "storage.";

    public static final ConfigOption<String> PATH = ConfigOptions.key("path").stringType().noDefaultValue()
            .withDescription("A local directory or a store URI (s3://bucket/prefix, az://container/prefix): the dataset's"
                    + " root, or the Tempo storage root holding the tenant's folder.");

    public static final ConfigOption<String> TENANT = ConfigOptions.key("tenant").stringType().noDefaultValue()
            .withDescription("The Tempo tenant whose blocks are read.");

    public static final ConfigOption<Duration> DISCOVERY_INTERVAL = ConfigOptions.key("discovery-interval").durationType()
            .noDefaultValue().withDescription("Keep listing the dataset this often, reading the files that appeared"
                    + " (an unbounded table); without it the table is bounded.");

    public static final ConfigOption<Boolean> USE_INDEX = ConfigOptions.key("use-index").booleanType().defaultValue(true)
            .withDescription("Whether planning skips files by the dataset's index sidecar (_pqflux_index.json).");

    private PqfluxTableOptions() {
    }
}
