package io.pqflux.examples;

import io.pqflux.otap.OtapExport;
import io.pqflux.otap.Signal;
import io.pqflux.otap.receiver.FileSink;
import io.pqflux.otap.receiver.OtapReceiver;
import io.pqflux.otap.receiver.ReceiverEvent;
import io.pqflux.otap.receiver.ReceiverOptions;
import java.nio.file.Path;
import java.util.Set;

/**
 * Delivers the logs of an OpenTelemetry-Arrow Parquet export to a file of OTLP/JSON lines exactly once:
 * {@code OtapReceiverToFile <export directory> <out.jsonl>}. Run it again (after a crash, or once the exporter
 * has written more) and it appends only what the file does not hold yet; the checkpoint is {@code <out>.checkpoint}.
 */
public final class OtapReceiverToFile {

    public static void main(String[] args) {
        OtapExport export = OtapExport.local(Path.of(args[0]));
        Path out = Path.of(args[1]);
        ReceiverOptions options = ReceiverOptions.defaults()
                .withSignals(Set.of(Signal.LOGS))
                // the checkpoint records each batch after the sink has forced it to disk: a restart resumes after it
                .withCheckpoint(out.resolveSibling(out.getFileName() + ".checkpoint"));
        // One pass over the export; withFollow(true) would poll for new files until cancelled.
        try (FileSink sink = FileSink.of(out)) {
            long batches = 0;
            long records = 0;
            for (ReceiverEvent event : OtapReceiver.create(export, sink, options).run().toIterable(1)) {
                switch (event) {
                    case ReceiverEvent.Delivered delivered -> {
                        batches++;
                        records += delivered.records();
                    }
                    case ReceiverEvent.Quarantined quarantined ->
                            System.out.println("quarantined " + quarantined.file().path() + ": " + quarantined.file().error());
                    case ReceiverEvent.Polled _ -> { }
                }
            }
            System.out.println("delivered " + batches + " batches, " + records + " log records to " + out);
        }
    }
}
