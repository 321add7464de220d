package io.pqflux.reactive.dataset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pqflux.error.ParquetException;
import io.pqflux.filter.Predicate;
import io.pqflux.io.FileIdentity;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The dataset index sidecar of arbitrary bytes: read, then used as a scan uses it, to decide for each file it lists
 * (under the identity it records, so its entry counts) whether comparisons on each indexed column may match — which
 * turns the entry's types, orders, statistics and bloom filters into the reader's; comparisons whose literal does not
 * fit the type an entry records are among them, as a lying index would make them. Every defect is a
 * {@link ParquetException} when the sidecar is read, never a failure of the scan that consults it. Seeds: sidecars
 * as {@code pqflux index} writes them.
 */
class DatasetIndexFuzzTest {

    /** An index is a few objects per JSON token; a bloom filter its bytes once. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(1024, ParquetException.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> PROBES = List.of(5L, 5, "x", 1.5d, true);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void sidecar(byte[] json) {
        INVARIANTS.check(json.length, () -> {
            DatasetIndex index = DatasetIndex.read(new ByteArrayInputStream(json));
            for (DatasetFile file : listedFiles(json)) {
                for (String column : index.columns()) {
                    for (Object probe : PROBES) {
                        index.mayMatch(file, Predicate.eq(column, probe));
                        index.mayMatch(file, Predicate.lt(column, probe));
                    }
                }
            }
        });
    }

    /**
     * The files the sidecar lists, with the identity it records for each (the index's own reading has them too); none
     * when the text holds what the index skipped unread but a tree cannot hold (Jackson skips an ignored field's string
     * without checking its characters).
     */
    private static List<DatasetFile> listedFiles(byte[] json) throws IOException {
        List<DatasetFile> listed = new ArrayList<>();
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return listed;
        }
        for (JsonNode file : tree.path("files")) {
            if (listed.size() == 16) break;
            String path = file.path("path").asText();
            FileIdentity identity = new FileIdentity(path, Math.max(0, file.path("length").asLong()),
                    file.path("version").asText());
            listed.add(new DatasetFile(path, identity, Map.of()));
        }
        return listed;
    }
}
