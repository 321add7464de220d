package io.pqflux.otap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's layout on disk: what is a table file, what is skipped and why, and the order of files. */
class ExportListingTest {

    private static final String P1 = "0b6f3c1e-8d2a-4f5b-9c3d-1e2f3a4b5c6d";
    private static final String P2 = "ffffffff-0000-4000-8000-000000000001";
    private static final String F1 = "11111111-2222-4333-8444-555555555555";
    private static final String F2 = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    @TempDir
    Path base;

    private void touch(String path, int bytes) throws IOException {
        Path p = base.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    @Test
    void partitionedAndUnpartitionedFilesInCreationOrder() throws IOException {
        touch("logs/_part_id=" + P1 + "/part-1700000000002-" + F1 + ".parquet", 10);
        touch("logs/_part_id=" + P1 + "/part-1700000000001-" + F2 + ".parquet", 11);
        touch("log_attrs/_part_id=" + P1 + "/part-1700000000000-" + F1 + ".parquet", 12);
        touch("spans/_part_id=" + P2 + "/part-1700000000005-" + F1 + ".parquet", 13);
        touch("multivariate_metrics/part-1700000000009-" + F2 + ".parquet", 14);

        ExportListing listing = OtapExport.local(base).listing().block();

        assertThat(listing.skipped()).isEmpty();
        assertThat(listing.partitions()).containsExactly("", P1, P2);
        assertThat(listing.files(OtapTable.LOGS, P1)).extracting(PartFile::createdMillis, PartFile::uuid, PartFile::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1700000000001L, F2, 11L),
                        org.assertj.core.groups.Tuple.tuple(1700000000002L, F1, 10L));
        assertThat(listing.partition(P1)).containsOnlyKeys(OtapTable.LOGS, OtapTable.LOG_ATTRS);
        PartFile multivariate = listing.files(OtapTable.MULTIVARIATE_METRICS, "").getFirst();
        assertThat(multivariate.path()).isEqualTo("multivariate_metrics/part-1700000000009-" + F2 + ".parquet");
        assertThat(multivariate.name()).isEqualTo("part-1700000000009-" + F2 + ".parquet");
    }

    @Test
    void stagingFilesAndForeignNamesAreSkippedWithReasons() throws IOException {
        touch("logs/_part_id=" + P1 + "/part-1700000000002-" + F1 + ".parquet", 10);
        touch("logs/_part_id=" + P1 + "/part-1700000000003-" + F2 + ".parquet#1", 5);
        touch("logs/_part_id=" + P1 + "/notes.txt", 1);
        touch("logs/year=2026/part-1700000000003-" + F2 + ".parquet", 1);
        touch("tables/part-1700000000003-" + F2 + ".parquet", 1);
        touch("README", 1);

        ExportListing listing = OtapExport.local(base).listing().block();

        assertThat(listing.files()).extracting(PartFile::uuid).containsExactly(F1);
        assertThat(listing.skipped()).hasSize(5);
        assertThat(listing.skipped().get("logs/_part_id=" + P1 + "/part-1700000000003-" + F2 + ".parquet#1"))
                .contains("staging file");
        assertThat(listing.skipped().get("logs/year=2026/part-1700000000003-" + F2 + ".parquet"))
                .contains("not a _part_id=<uuid> partition directory");
        assertThat(listing.skipped().get("tables/part-1700000000003-" + F2 + ".parquet")).contains("not a table");
        assertThat(listing.skipped().get("logs/_part_id=" + P1 + "/notes.txt")).contains("not part-<millis>-<uuid>");
        assertThat(listing.skipped().get("README")).contains("not <table>/");
    }

    @Test
    void aMissingBaseIsAnErrorNamingIt() {
        Path missing = base.resolve("nope");
        assertThatThrownBy(() -> OtapExport.local(missing).listing().block())
                .isInstanceOf(ParquetIOException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("no such directory");
    }

    @Test
    void tablesKnowTheirParents() {
        assertThat(OtapTable.SPAN_EVENT_ATTRS.parent()).contains(OtapTable.SPAN_EVENTS);
        assertThat(OtapTable.RESOURCE_ATTRS.parent()).isEmpty();
        assertThat(OtapTable.of(Signal.LOGS)).containsExactly(OtapTable.LOGS, OtapTable.LOG_ATTRS,
                OtapTable.RESOURCE_ATTRS, OtapTable.SCOPE_ATTRS);
        assertThat(OtapTable.ofDirectory("exp_histogram_dp_exemplar_attrs"))
                .contains(OtapTable.EXP_HISTOGRAM_DP_EXEMPLAR_ATTRS);
        for (OtapTable table : OtapTable.values()) {
            table.parent().ifPresent(parent -> assertThat(parent.signal()).isEqualTo(table.signal()));
        }
    }
}
