package io.pqflux.examples;

import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.s3.AddressingStyle;
import io.pqflux.storage.s3.S3Config;
import io.pqflux.storage.s3.S3Location;
import io.pqflux.storage.s3.S3Storage;
import java.net.URI;

/**
 * Counts the rows of a Parquet object in S3 or an S3-compatible server:
 * {@code ReadFromS3 s3://bucket/key [<endpoint> [<region>]]}. Credentials come from the AWS SDK's default chain
 * (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, -Daws.accessKeyId/-Daws.secretAccessKey, AWS_PROFILE, instance metadata),
 * never from the command line, where they would end up in the shell's history.
 */
public final class ReadFromS3 {

    public static void main(String[] args) {
        S3Location location = S3Location.parse(args[0]);
        S3Config config = S3Config.defaults();   // AWS's regional endpoint, region from the SDK's chain
        if (args.length > 1) {
            // MinIO, Ceph, S3Proxy... mostly want path-style addressing: http://host:9000/bucket/key
            config = config.withEndpoint(URI.create(args[1])).withAddressing(AddressingStyle.PATH);
        }
        if (args.length > 2) config = config.withRegion(args[2]);
        // One storage holds the connection pool and credentials: create it once, close it at the end.
        // A store is the objects below a bucket's prefix, read through the same API as local files.
        try (S3Storage storage = S3Storage.create(config); ObjectStore bucket = storage.store(location.bucket(), "")) {
            long rows = ParquetFlux.batches(bucket, location.key(), 0, ScanOptions.defaults())
                    .map(batch -> {
                        try (batch) {
                            return batch.batch().rowCount();
                        }
                    })
                    .reduce(0L, Long::sum)
                    .block();
            System.out.println(location + ": " + rows + " rows");
        }
    }
}
