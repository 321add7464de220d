package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.BundledExport;
import io.pqflux.otap.generator.Flattened;
import io.pqflux.otap.generator.Golden;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code testdata/otap}, the export the README's quick start replays: regenerating it gives the same bytes, and its
 * replay gives back the generator's OTLP input.
 */
class BundledExportTest {

    static Path bundled() {
        return Corpus.root().resolve("otap");
    }

    @Test
    void isWhatTheGeneratorWrites(@TempDir Path fresh) throws IOException {
        BundledExport.write(fresh);
        assertThat(tree(fresh)).isEqualTo(tree(bundled()));
        for (String path : tree(fresh)) {
            assertThat(Files.readAllBytes(bundled().resolve(path))).as(path).isEqualTo(Files.readAllBytes(fresh.resolve(path)));
        }
    }

    @Test
    void hasPartitionsRotationAndAStagingLeftover() {
        ExportListing listing = OtapExport.local(bundled()).listing().block();
        assertThat(listing.partitions()).hasSize(2);
        assertThat(listing.skipped()).isNotEmpty().allSatisfy((path, reason) -> assertThat(reason).contains("staging"));
    }

    @Test
    void replaysAsTheGeneratorsInput() {
        check(Signal.LOGS, List.copyOf(BundledExport.logs()));
        check(Signal.TRACES, List.copyOf(BundledExport.traces()));
        check(Signal.METRICS, List.copyOf(BundledExport.metrics()));
    }

    private static void check(Signal signal, List<Message> input) {
        List<Message> expected = input.stream().flatMap(m -> Flattened.of(Golden.expected(m)).stream())
                .map(Golden::canonical).sorted(java.util.Comparator.comparing(Message::toByteString,
                        com.google.protobuf.ByteString.unsignedLexicographicalComparator())).toList();
        List<Message> actual = OtapExport.local(bundled()).<Message>replay(signal, ReplayOptions.defaults())
                .doOnNext(b -> assertThat(b.unjoined()).as("unjoined rows in %s", b.position()).isEmpty())
                .flatMapIterable(b -> Flattened.of(b.data())).map(Golden::canonical)
                .sort(java.util.Comparator.comparing(Message::toByteString,
                        com.google.protobuf.ByteString.unsignedLexicographicalComparator())).collectList().block();
        assertThat(actual).as(signal.toString()).isEqualTo(expected);
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
