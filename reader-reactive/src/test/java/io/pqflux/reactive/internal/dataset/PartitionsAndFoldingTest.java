package io.pqflux.reactive.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.filter.Match;
import io.pqflux.reactive.internal.dataset.PredicateFolding.Folded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionsAndFoldingTest {

    @Test
    void hiveFoldersAreDecodedAndTypedPerKeyOverTheWholeListing() {
        Map<String, String> a = HivePartitions.parse("year=2024/region=eu%2Fwest/part=__HIVE_DEFAULT_PARTITION__/f.parquet");
        Map<String, String> b = HivePartitions.parse("year=2025/region=us/plain/f.parquet");
        assertThat(a).containsExactly(Map.entry("year", "2024"), Map.entry("region", "eu/west"),
                new HashMap.SimpleEntry<>("part", null));
        assertThat(b).containsOnlyKeys("year", "region");
        Map<String, Boolean> integer = HivePartitions.integerKeys(List.of(a, b));
        assertThat(integer).containsEntry("year", true).containsEntry("region", false).containsEntry("part", true);
        assertThat(HivePartitions.typed(b, integer)).containsEntry("year", 2025L).containsEntry("region", "us")
                .containsEntry("part", null);
        assertThat(HivePartitions.unescape("caf%C3%A9%3D1%")).isEqualTo("café=1%");
    }

    @Test
    void constantsFoldUnderThePredicateSemantics() {
        assertThat(PredicateFolding.onConstant(Predicate.eq("y", 2024), 2024L)).isEqualTo(Match.ALL);
        assertThat(PredicateFolding.onConstant(Predicate.lt("y", 2024L), 2024L)).isEqualTo(Match.NONE);
        assertThat(PredicateFolding.onConstant(Predicate.in("r", "eu", "us"), "us")).isEqualTo(Match.ALL);
        // strings order as unsigned UTF-8 bytes: U+FFFD sorts before a supplementary character
        assertThat(PredicateFolding.onConstant(Predicate.lt("r", "\uD83D\uDE00"), "\uFFFD")).isEqualTo(Match.ALL);
        // null: comparisons never match, notEq and isNull do
        assertThat(PredicateFolding.onConstant(Predicate.eq("y", 1), null)).isEqualTo(Match.NONE);
        assertThat(PredicateFolding.onConstant(Predicate.notEq("y", 1), null)).isEqualTo(Match.ALL);
        assertThat(PredicateFolding.onConstant(Predicate.isNull("y"), null)).isEqualTo(Match.ALL);
        assertThat(PredicateFolding.onMissingColumn(Predicate.isNotNull("s"))).isEqualTo(Match.NONE);
        assertThatThrownBy(() -> PredicateFolding.onConstant(Predicate.eq("y", "2024"), 2024L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds integers");
    }

    @Test
    void knownLeavesFoldAwayAndTheRestIsKept() {
        Predicate data = Predicate.gt("x", 1);
        Predicate p = Predicate.or(Predicate.and(Predicate.eq("y", 2024), data), Predicate.not(Predicate.isNull("y")));
        Folded folded = PredicateFolding.fold(p, leaf -> leaf == data ? Match.SOME : Match.NONE);
        // and(false, data) = false; not(isNull) = not(false) = true; or(false, true) = true
        assertThat(folded).isEqualTo(new Folded.Constant(true));
        Folded residual = PredicateFolding.fold(Predicate.and(Predicate.eq("y", 2024), data),
                leaf -> leaf == data ? Match.SOME : Match.ALL);
        assertThat(residual).isEqualTo(new Folded.Residual(data));
        assertThat(PredicateFolding.fold(null, leaf -> Match.SOME)).isEqualTo(new Folded.Constant(true));
    }
}
