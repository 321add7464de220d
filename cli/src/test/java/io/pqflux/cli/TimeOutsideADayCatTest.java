package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIME values outside a day print as signed times ({@code -03:51:39.000}, {@code 25:02:03.004}) instead of failing
 * the read; {@code --where} takes them back; {@code inspect} shows such bounds as values.
 */
class TimeOutsideADayCatTest {

    @TempDir
    static Path directory;
    private static String file;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.timesOutsideADay(directory).toString();
    }

    @Test
    void jsonl() {
        assertThat(CliRun.successfulLines("cat", file)).containsExactly(
                "{\"id\":0,\"t_millis\":\"01:02:03.004\",\"t_micros\":\"01:02:03.004005\",\"t_nanos\":\"01:02:03.004005006\"}",
                "{\"id\":1,\"t_millis\":\"-03:51:39.000\",\"t_micros\":\"-03:51:39.000000\",\"t_nanos\":\"-03:51:39.000000000\"}",
                "{\"id\":2,\"t_millis\":\"-00:00:00.001\",\"t_micros\":\"-00:00:00.000001\",\"t_nanos\":\"-00:00:00.000000001\"}",
                "{\"id\":3,\"t_millis\":\"24:00:00.000\",\"t_micros\":\"24:00:00.000000\",\"t_nanos\":\"24:00:00.000000000\"}",
                "{\"id\":4,\"t_millis\":\"25:02:03.004\",\"t_micros\":\"25:02:03.004005\",\"t_nanos\":\"25:02:03.004005006\"}",
                "{\"id\":5,\"t_millis\":\"-596:31:23.648\",\"t_micros\":\"-2562047788:00:54.775808\","
                        + "\"t_nanos\":\"2562047:47:16.854775807\"}",
                "{\"id\":6,\"t_millis\":null,\"t_micros\":null,\"t_nanos\":null}",
                "{\"id\":7,\"t_millis\":\"00:00:00.000\",\"t_micros\":\"23:59:59.999999\",\"t_nanos\":\"23:59:59.999999999\"}");
    }

    @Test
    void csv() {
        List<String> lines = CliRun.successfulLines("cat", "--format", "csv", "--limit", "3", file);
        assertThat(lines).containsExactly("id,t_millis,t_micros,t_nanos",
                "0,01:02:03.004,01:02:03.004005,01:02:03.004005006",
                "1,-03:51:39.000,-03:51:39.000000,-03:51:39.000000000",
                "2,-00:00:00.001,-00:00:00.000001,-00:00:00.000000001");
    }

    @Test
    void whereTakesSignedTimes() {
        assertThat(ids("t_millis < '00:00:00'")).containsExactly("1", "2", "5");
        assertThat(ids("t_micros = '-03:51:39'")).containsExactly("1");
        assertThat(ids("t_nanos >= '24:00:00'")).containsExactly("3", "4", "5");
        assertThat(ids("t_millis = '-00:00:00.001'")).containsExactly("2");
        assertThat(ids("t_millis = '01:02:03.004'")).containsExactly("0");
        CliRun bad = CliRun.run("cat", "--where", "t_millis = '-1:00:00'", file);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected a time '[-]HH:MM:SS[.fraction]'");
    }

    @Test
    void inspectShowsBoundsOutsideADayAsValues() {
        CliRun result = CliRun.run("inspect", file);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("min \"-596:31:23.648\" max \"25:02:03.004\"")
                .contains("min \"-2562047788:00:54.775808\" max \"25:02:03.004005\"")
                .contains("min \"-03:51:39.000000000\" max \"2562047:47:16.854775807\"");
    }

    private static List<String> ids(String where) {
        return CliRun.successfulLines("cat", "--format", "csv", "--columns", "id", "--where", where, file).stream()
                .skip(1).toList();
    }
}
