package io.pqflux.otap.internal.discovery;

import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.StoredObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a listing of the base into the exporter's files: {@code <table>/[_part_id=<uuid>/]part-<millis>-<uuid>.parquet}.
 * Staging files ({@code *.parquet#N}, written under that name and renamed when complete, left behind by a crash) and
 * everything else that is not the exporter's layout are skipped with a reason, never read.
 *
 * <p>The root tables are listed first, the rest after them. The exporter makes a root file visible only once the files
 * holding its batches' child rows are (docs/otap-format.md §5.2), but a listing is no snapshot: object stores list
 * page by page in key order, a directory walk one directory after the other, and {@code span_events/} sorts before
 * {@code spans/}. In one listing a child file renamed after its directory was read and its root file renamed before
 * its own was would be missing beside the root file, and a follow-mode poll would deliver (and checkpoint) its batches
 * without those children. Read in this order, every root file listed was visible before the children were listed, so
 * its children are listed too; root files that only the second listing shows wait for the next one.
 */
public final class ExportScanner {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern FILE = Pattern.compile("part-(\\d{1,19})-(" + UUID + ")\\.parquet");
    private static final Pattern PARTITION = Pattern.compile("_part_id=(" + UUID + ")");
    private static final Pattern STAGING = Pattern.compile(".*\\.parquet#\\d+");
    /** The signals' root tables: those whose files the exporter makes visible after their children's. */
    private static final List<OtapTable> ROOTS = Arrays.stream(OtapTable.values())
            .filter(t -> t.signal().isPresent() && t.parent().isEmpty()).toList();

    private ExportScanner() {
    }

    /** The export below {@code store}'s root, listed anew on each subscription: root tables first, then the rest. */
    public static Mono<ExportListing> scan(ObjectStore store) {
        return Flux.fromIterable(ROOTS).concatMap(root -> store.list(root.directory() + "/")).collectList()
                // the whole base is listed only once the roots are: every child file of a root file listed is visible
                .flatMap(roots -> store.list("").collectList().map(all -> {
                    List<PartFile> files = new ArrayList<>();
                    Map<String, String> skipped = new LinkedHashMap<>();
                    for (StoredObject object : roots) add(object, files, skipped);
                    for (StoredObject object : all) {
                        // a root file the first listing missed may have children this one missed: the next one's
                        if (!isRoot(object.path())) add(object, files, skipped);
                    }
                    files.sort(PartFile.CREATION_ORDER);
                    return new ExportListing(store.describe(""), files, skipped);
                }));
    }

    /** The creation time in a file name of the exporter's ({@code part-<millis>-<uuid>.parquet}), or -1. */
    public static long createdMillis(String path) {
        Matcher file = FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
        if (!file.matches()) return -1;
        try {
            return Long.parseLong(file.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void add(StoredObject object, List<PartFile> files, Map<String, String> skipped) {
        String reason = parse(object.path(), object.size(), files);
        if (reason != null) skipped.put(object.path(), reason);
    }

    private static boolean isRoot(String path) {
        int slash = path.indexOf('/');
        return slash >= 0 && OtapTable.ofDirectory(path.substring(0, slash)).filter(ROOTS::contains).isPresent();
    }

    /** Adds the file {@code path} names to {@code files}; returns why it is skipped instead, or null. */
    private static String parse(String path, long size, List<PartFile> files) {
        String[] segments = path.split("/");
        // a name of slashes alone splits into nothing
        if (segments.length == 0) return "not <table>/[_part_id=<uuid>/]part-<millis>-<uuid>.parquet";
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
