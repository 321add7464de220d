package io.pqflux.otap.internal.discovery;

import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.StoredObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Turns a listing of the base into the exporter's files: {@code <table>/[_part_id=<uuid>/]part-<millis>-<uuid>.parquet}.
 * Staging files ({@code *.parquet#N}, written under that name and renamed when complete, left behind by a crash) and
 * everything else that is not the exporter's layout are skipped with a reason, never read.
 */
public final class ExportScanner {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern FILE = Pattern.compile("part-(\\d{1,19})-(" + UUID + ")\\.parquet");
    private static final Pattern PARTITION = Pattern.compile("_part_id=(" + UUID + ")");
    private static final Pattern STAGING = Pattern.compile(".*\\.parquet#\\d+");

    private ExportScanner() {
    }

    /** The export below {@code store}'s root, listed anew on each subscription. */
    public static Mono<ExportListing> scan(ObjectStore store) {
        return store.list("").collectList().map(objects -> {
            List<PartFile> files = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            for (StoredObject object : objects) {
                String reason = parse(object.path(), object.size(), files);
                if (reason != null) skipped.put(object.path(), reason);
            }
            files.sort(PartFile.CREATION_ORDER);
            return new ExportListing(store.describe(""), files, skipped);
        });
    }

    /** Adds the file {@code path} names to {@code files}; returns why it is skipped instead, or null. */
    private static String parse(String path, long size, List<PartFile> files) {
        String[] segments = path.split("/");
        String name = segments[segments.length - 1];
        if (STAGING.matcher(name).matches()) return "staging file (being written, or left by a crash)";
        if (segments.length < 2 || segments.length > 3) return "not <table>/[_part_id=<uuid>/]part-<millis>-<uuid>.parquet";
        Optional<OtapTable> table = OtapTable.ofDirectory(segments[0]);
        if (table.isEmpty()) return "'" + segments[0] + "' is not a table the exporter writes";
        String partition = "";
        if (segments.length == 3) {
            Matcher m = PARTITION.matcher(segments[1]);
            if (!m.matches()) return "'" + segments[1] + "' is not a _part_id=<uuid> partition directory";
            partition = m.group(1);
        }
        Matcher file = FILE.matcher(name);
        if (!file.matches()) return "'" + name + "' is not part-<millis>-<uuid>.parquet";
        long millis;
        try {
            millis = Long.parseLong(file.group(1));
        } catch (NumberFormatException e) {
            return "'" + name + "': the creation time does not fit 64 bits";
        }
        files.add(new PartFile(table.get(), partition, millis, file.group(2), path, size));
        return null;
    }
}
