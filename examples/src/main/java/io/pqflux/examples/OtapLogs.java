package io.pqflux.examples;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otlp.OtlpJson;
import java.nio.file.Path;

/**
 * The logs of an OpenTelemetry-Arrow Parquet export, rebuilt as OTLP, one exporter batch at a time:
 * {@code OtapLogs <export directory> [json]} prints each batch's position and record count, or with {@code json}
 * each batch as one OTLP/JSON {@code LogsData} line.
 */
public final class OtapLogs {

    public static void main(String[] args) {
        OtapExport export = OtapExport.local(Path.of(args[0]));
        boolean json = args.length > 1 && args[1].equals("json");
        long batches = 0;
        long records = 0;
        // replay (rather than logs) gives each batch's position in its partition and the rows it could not join.
        for (ReplayedBatch<LogsData> batch : export.<LogsData>replay(Signal.LOGS, ReplayOptions.defaults()).toIterable(1)) {
            if (json) {
                System.out.println(OtlpJson.write(batch.data()));
            } else {
                System.out.println(batch.position().partition() + " " + batch.position().rootFile() + " up to row "
                        + batch.position().endRow() + ": " + batch.records() + " log records, "
                        + batch.unjoined().size() + " rows not joined");
            }
            batches++;
            records += batch.records();
        }
        if (!json) System.out.println(records + " log records in " + batches + " batches");
    }
}
