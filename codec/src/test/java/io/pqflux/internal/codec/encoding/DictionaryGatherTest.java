package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.Kernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DictionaryGatherTest {

    @Test
    void gathersFixedWidthEntries() {
        Random random = new Random(1);
        for (int width : new int[] {1, 4, 8, 12, 16}) {
            int dictionarySize = 37;
            byte[] dictionary = new byte[width * dictionarySize];
            random.nextBytes(dictionary);
            int[] ids = random.ints(1001, 0, dictionarySize).toArray();
            byte[] out = new byte[width * ids.length + 3];
            DictionaryGather.gatherFixed(Kernels.active(), MemorySegment.ofArray(dictionary), width, dictionarySize, MemorySegment.ofArray(ids), 0,
                    ids.length, MemorySegment.ofArray(out), 3);
            for (int i = 0; i < ids.length; i++) {
                assertThat(Arrays.copyOfRange(out, 3 + width * i, 3 + width * (i + 1)))
                        .isEqualTo(Arrays.copyOfRange(dictionary, width * ids[i], width * (ids[i] + 1)));
            }
        }
    }

    @Test
    void gathersByteArrayEntries() {
        String[] dictionary = {"", "a", "bb", "héllo", "zzzzzzzzzzzz"};
        MemorySegment dictOffsets = MemorySegment.ofArray(new long[dictionary.length + 1]);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < dictionary.length; i++) {
            all.append(dictionary[i]);
            dictOffsets.setAtIndex(ValueLayout.JAVA_LONG, i + 1, all.toString().getBytes(StandardCharsets.UTF_8).length);
        }
        MemorySegment dictData = MemorySegment.ofArray(all.toString().getBytes(StandardCharsets.UTF_8));
        int[] ids = new Random(2).ints(300, 0, dictionary.length).toArray();
        // ids start at byte 8 of their segment, as they would after a first batch
        int[] idsWithLead = new int[ids.length + 2];
        System.arraycopy(ids, 0, idsWithLead, 2, ids.length);
        MemorySegment idSegment = MemorySegment.ofArray(idsWithLead);

        long size = DictionaryGather.gatheredByteArraySize(Kernels.active(), dictOffsets, dictionary.length, idSegment, 8, ids.length);
        long expectedSize = Arrays.stream(ids).mapToLong(id -> dictionary[id].getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(size).isEqualTo(expectedSize);

        MemorySegment offsets = MemorySegment.ofArray(new long[ids.length + 2]);
        MemorySegment data = MemorySegment.ofArray(new byte[(int) size + 10]);
        offsets.setAtIndex(ValueLayout.JAVA_LONG, 1, 10);
        DictionaryGather.gatherByteArrays(Kernels.active(), dictOffsets, dictData, dictionary.length, idSegment, 8, ids.length, offsets, 1, data, 10);
        for (int i = 0; i < ids.length; i++) {
            long start = offsets.getAtIndex(ValueLayout.JAVA_LONG, i + 1);
            long end = offsets.getAtIndex(ValueLayout.JAVA_LONG, i + 2);
            assertThat(new String(data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8))
                    .isEqualTo(dictionary[ids[i]]);
        }
    }

    /** Short entries are copied as words where both sides have room; exact-size segments take the bulk copy. */
    @Test
    void gathersShortAndLongEntriesWithAndWithoutRoomToSpare() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int dictionarySize = 1 + random.nextInt(40);
            byte[][] entries = new byte[dictionarySize][];
            MemorySegment dictOffsets = MemorySegment.ofArray(new long[dictionarySize + 1]);
            int total = 0;
            for (int i = 0; i < dictionarySize; i++) {
                entries[i] = new byte[random.nextInt(4) == 0 ? 17 + random.nextInt(30) : random.nextInt(17)];
                random.nextBytes(entries[i]);
                total += entries[i].length;
                dictOffsets.setAtIndex(ValueLayout.JAVA_LONG, i + 1, total);
            }
            byte[] dictBytes = new byte[total];
            for (int i = 0, at = 0; i < dictionarySize; at += entries[i].length, i++) {
                System.arraycopy(entries[i], 0, dictBytes, at, entries[i].length);
            }
            int[] ids = random.ints(1 + random.nextInt(200), 0, dictionarySize).toArray();
            MemorySegment idSegment = MemorySegment.ofArray(ids);
            long size = DictionaryGather.gatheredByteArraySize(Kernels.active(), dictOffsets, dictionarySize, idSegment, 0, ids.length);
            for (int spare : new int[] {0, 64}) {
                MemorySegment offsets = MemorySegment.ofArray(new long[ids.length + 1]);
                MemorySegment data = MemorySegment.ofArray(new byte[(int) size + spare]);
                DictionaryGather.gatherByteArrays(Kernels.active(), dictOffsets, MemorySegment.ofArray(dictBytes), dictionarySize, idSegment, 0,
                        ids.length, offsets, 0, data, 0);
                for (int i = 0; i < ids.length; i++) {
                    long start = offsets.getAtIndex(ValueLayout.JAVA_LONG, i);
                    long end = offsets.getAtIndex(ValueLayout.JAVA_LONG, i + 1);
                    assertThat(data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE))
                            .as("trial %d, spare %d, value %d", trial, spare, i).isEqualTo(entries[ids[i]]);
                }
            }
        }
    }

    @Test
    void outOfRangeIdsAreCorrupt() {
        MemorySegment dictionary = MemorySegment.ofArray(new int[5]);
        MemorySegment dictOffsets = MemorySegment.ofArray(new long[6]);
        for (int bad : new int[] {5, 17, -1, Integer.MIN_VALUE}) {
            MemorySegment ids = MemorySegment.ofArray(new int[] {0, 4, bad});
            String message = "dictionary id " + bad + " out of range [0, 5)";
            assertThatThrownBy(() -> DictionaryGather.gatherFixed(Kernels.active(), dictionary, 4, 5, ids, 0, 3, MemorySegment.ofArray(new int[3]), 0))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessage(message);
            assertThatThrownBy(() -> DictionaryGather.gatheredByteArraySize(Kernels.active(), dictOffsets, 5, ids, 0, 3))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessage(message);
            assertThatThrownBy(() -> DictionaryGather.gatherByteArrays(Kernels.active(), dictOffsets, MemorySegment.ofArray(new byte[0]), 5, ids, 0, 3,
                    MemorySegment.ofArray(new long[4]), 0, MemorySegment.ofArray(new byte[0]), 0))
                    .isExactlyInstanceOf(CorruptFileException.class).hasMessage(message);
        }
    }
}
