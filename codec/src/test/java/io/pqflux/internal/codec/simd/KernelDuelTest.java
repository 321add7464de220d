package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.internal.codec.simd.KernelDuels.Memory;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vector kernels against the scalar reference ({@link KernelDuels}) on heap and on native segments: every
 * unpack width with odd group counts, and thousands of random rounds of the level and id kernels. Both kernel
 * sets are created directly, never through the provider. The vector kernels must load here (the build adds
 * their module); on hardware whose preferred vectors are narrower than 256 bits the class is skipped
 * ({@link WideVectors}). With {@code -Dpqflux.test.vectorBits=N} the preferred size must be exactly N bits:
 * {@link ForkedKernelDuelTest} runs this class again under {@code -XX:MaxVectorSize=32} and so checks that
 * the flag took effect.
 */
@ParameterizedClass(name = "{0} segments")
@EnumSource(Memory.class)
class KernelDuelTest {

    private static final int ROUNDS = 6;
    private static final int RANDOM_ROUNDS = 3000;

    private static LevelKernels vector;

    @Parameter
    Memory memory;

    @BeforeAll
    static void vectorKernelsRunHere() {
        WideVectors.assumePresent();
        vector = new VectorKernels();
        assertThat(vector.getClass().getModule().getLayer()).isNull(); // loaded from the class path, as in production
        Integer expectedBits = Integer.getInteger("pqflux.test.vectorBits");
        if (expectedBits != null) assertThat(VectorKernels.bitSize()).as("preferred vector size in bits").isEqualTo(expectedBits);
    }

    static IntStream byteWidths() {
        return IntStream.rangeClosed(1, 8);
    }

    static IntStream intWidths() {
        return IntStream.rangeClosed(1, 32);
    }

    @ParameterizedTest
    @MethodSource("byteWidths")
    void unpackBytesMatches(int bitWidth) {
        Random random = new Random(100 + bitWidth);
        for (int groups : KernelDuels.GROUP_COUNTS) {
            for (int round = 0; round < ROUNDS; round++) KernelDuels.unpack(random, memory, vector, bitWidth, groups, 1);
        }
    }

    @ParameterizedTest
    @MethodSource("intWidths")
    void unpackIntsMatches(int bitWidth) {
        Random random = new Random(200 + bitWidth);
        for (int groups : KernelDuels.GROUP_COUNTS) {
            for (int round = 0; round < ROUNDS; round++) KernelDuels.unpack(random, memory, vector, bitWidth, groups, 4);
        }
    }

    @Test
    void fillIntsMatches() {
        Random random = new Random(300);
        for (int count = 0; count < 200; count++) KernelDuels.fillInts(random, memory, vector, count);
    }

    @Test
    void countingLevelsMatchesAndFindsEveryLevelAboveTheMaximum() {
        Random random = new Random(400);
        for (int round = 0; round < RANDOM_ROUNDS; round++) KernelDuels.countEqualUnlessAbove(random, memory, vector);
    }

    @Test
    void countingOneLevelMatches() {
        Random random = new Random(450);
        for (int round = 0; round < RANDOM_ROUNDS; round++) KernelDuels.countEqual(random, memory, vector);
    }

    @Test
    void validityMatches() {
        Random random = new Random(500);
        for (int round = 0; round < RANDOM_ROUNDS; round++) KernelDuels.atLeast(random, memory, vector);
    }

    @Test
    void idCheckMatchesAndFindsTheFirstBadId() {
        Random random = new Random(600);
        for (int round = 0; round < RANDOM_ROUNDS; round++) KernelDuels.firstOutOfRange(random, memory, vector);
    }
}
