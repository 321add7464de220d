package io.pqflux.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The AADs as the spec's table (Encryption.md, 4.4.2) lays them out, byte by byte. */
class ModuleAadTest {

    private static final byte[] FILE_AAD = HexFormat.of().parseHex("aabbcc");

    @Test
    void theFooterCarriesOnlyItsType() {
        assertThat(hex(ModuleAad.footer(FILE_AAD))).isEqualTo("aabbcc" + "00");
    }

    @Test
    void dataPagesAndTheirHeadersCarryThePageOrdinal() {
        assertThat(hex(ModuleAad.of(FILE_AAD, ModuleType.DATA_PAGE, 1, 258, 3))).isEqualTo("aabbcc" + "02" + "0100" + "0201" + "0300");
        assertThat(hex(ModuleAad.of(FILE_AAD, ModuleType.DATA_PAGE_HEADER, 0, 0, 32767)))
                .isEqualTo("aabbcc" + "04" + "0000" + "0000" + "ff7f");
    }

    @Test
    void otherModulesCarryRowGroupAndColumnOnly() {
        String[] types = {"01", "03", "05", "06", "07", "08", "09"};
        ModuleType[] modules = {ModuleType.COLUMN_META_DATA, ModuleType.DICTIONARY_PAGE, ModuleType.DICTIONARY_PAGE_HEADER,
                ModuleType.COLUMN_INDEX, ModuleType.OFFSET_INDEX, ModuleType.BLOOM_FILTER_HEADER, ModuleType.BLOOM_FILTER_BITSET};
        for (int m = 0; m < modules.length; m++) {
            assertThat(hex(ModuleAad.of(FILE_AAD, modules[m], 7, 9, 5))).as(modules[m].name())
                    .isEqualTo("aabbcc" + types[m] + "0700" + "0900");
        }
    }

    @Test
    void ordinalsBeyondAShortAreRefused() {
        assertThatThrownBy(() -> ModuleAad.of(FILE_AAD, ModuleType.DATA_PAGE, 0, 0, 32768))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("page ordinal 32768");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
