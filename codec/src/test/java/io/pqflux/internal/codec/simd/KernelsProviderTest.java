package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The provider picks what the build asked for: the build passes {@code -Dpqflux.simd} (true by default), so
 * a run meant to test the vector path fails here if the scalar path is what runs, and the other way round.
 * Forked JVMs check each reason for choosing scalar kernels, and that the fallback is logged exactly once
 * (WARNING when the JVM stands in the way, INFO when switched off) and not at all when the vector kernels run.
 */
class KernelsProviderTest {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    @Test
    void picksTheKernelsTheRunAskedFor() {
        if (Boolean.parseBoolean(System.getProperty("pqflux.simd", "true"))) {
            WideVectors.assumePresent();
            assertThat(Kernels.active()).isInstanceOf(VectorKernels.class);
            assertThat(Kernels.description()).startsWith("vector (").contains("-bit, jdk.incubator.vector)");
        } else {
            assertThat(Kernels.active()).isSameAs(ScalarKernels.INSTANCE);
            assertThat(Kernels.description()).isEqualTo("scalar (pqflux.simd=false)");
        }
    }

    @Test
    void explicitChoicesIgnoreTheProperty() {
        assertThat(Kernels.scalar()).isSameAs(ScalarKernels.INSTANCE);
        WideVectors.assumePresent();
        assertThat(Kernels.vector()).isInstanceOf(VectorKernels.class);
    }

    @Test
    void withoutTheVectorModuleScalarKernelsRunAndAWarningSaysHowToAddIt() {
        ForkedJvm.Result run = describeIn(List.of());
        assertThat(run.out().strip()).isEqualTo("scalar (jdk.incubator.vector not readable)");
        assertLoggedOnce(run, "WARNING", Kernels.MODULE_MISSING_MESSAGE);
        assertThat(Kernels.MODULE_MISSING_MESSAGE).contains("'--add-modules jdk.incubator.vector'");
    }

    @Test
    void switchedOffScalarKernelsAreAnInfo() {
        ForkedJvm.Result run = describeIn(List.of("--add-modules", VECTOR_MODULE, "-Dpqflux.simd=false"));
        assertThat(run.out().strip()).isEqualTo("scalar (pqflux.simd=false)");
        assertLoggedOnce(run, "INFO", Kernels.SWITCHED_OFF_MESSAGE);
    }

    @Test
    void withoutC2ScalarKernelsRunWithAWarning() {
        ForkedJvm.Result c1 = describeIn(List.of("--add-modules", VECTOR_MODULE, "-XX:TieredStopAtLevel=1"));
        assertThat(c1.out().strip()).isEqualTo("scalar (C2 off, TieredStopAtLevel < 4)");
        assertLoggedOnce(c1, "WARNING", Kernels.UNSUITABLE_MESSAGE + "C2 off, TieredStopAtLevel < 4");
        ForkedJvm.Result interpreted = describeIn(List.of("--add-modules", VECTOR_MODULE, "-Xint"));
        assertThat(interpreted.out().strip()).isEqualTo("scalar (interpreter only, -Xint)");
        assertLoggedOnce(interpreted, "WARNING", Kernels.UNSUITABLE_MESSAGE + "interpreter only, -Xint");
    }

    /** -XX:MaxVectorSize=16 caps the preferred species at 128 bits, as on hardware without AVX2. */
    @Test
    void narrowVectorsRunScalarWithAWarning() {
        ForkedJvm.Result run = describeIn(List.of("--add-modules", VECTOR_MODULE, "-XX:MaxVectorSize=16"));
        String reason = "vector kernels unavailable: the preferred vector species has 128 bits, fewer than 256";
        assertThat(run.out().strip()).isEqualTo("scalar (" + reason + ")");
        assertLoggedOnce(run, "WARNING", Kernels.UNSUITABLE_MESSAGE + reason);
    }

    /** Needs a JDK that ships a JVMCI compiler (GraalVM); skipped where the JVM cannot start with one. */
    @Test
    void aJvmciCompilerRunsScalarWithAWarning() {
        ForkedJvm.Result run = ForkedJvm.run(List.of("--add-modules", VECTOR_MODULE, "-XX:+UnlockExperimentalVMOptions",
                "-XX:+UseJVMCICompiler"), PrintKernels.class);
        assumeTrue(run.exitCode() == 0 || !(run.out() + run.err()).contains("JVMCI"), () -> "no JVMCI compiler in this JDK: " + (run.out() + run.err()).strip());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String reason = "JVMCI compiler in use, -XX:+UseJVMCICompiler";
        assertThat(run.out().strip()).isEqualTo("scalar (" + reason + ")");
        assertLoggedOnce(run, "WARNING", Kernels.UNSUITABLE_MESSAGE + reason);
    }

    @Test
    void vectorKernelsRunSilently() {
        WideVectors.assumePresent();
        ForkedJvm.Result run = describeIn(List.of("--add-modules", VECTOR_MODULE));
        assertThat(run.out().strip()).as(run.describe()).startsWith("vector (");
        assertThat(run.err()).as(run.describe()).doesNotContain("Kernels").doesNotContain("scalar kernels");
    }

    /**
     * The message, at the level, exactly once in the child's stderr (java.util.logging's console format: a
     * line naming the logger's class, then {@code LEVEL: message}).
     */
    private static void assertLoggedOnce(ForkedJvm.Result run, String level, String message) {
        assertThat(occurrences(run.err(), message)).as("times logged; " + run.describe()).isEqualTo(1);
        assertThat(run.err()).as(run.describe()).contains(level + ": " + message).contains(Kernels.class.getName());
        assertThat(occurrences(run.err(), "scalar kernels")).as("fallback messages; " + run.describe()).isEqualTo(1);
    }

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (matcher.find()) n++;
        return n;
    }

    /** {@link Kernels#description()} as a fresh JVM with {@code flags} prints it, after using the kernels repeatedly. */
    private static ForkedJvm.Result describeIn(List<String> flags) {
        ForkedJvm.Result run = ForkedJvm.run(flags, PrintKernels.class);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run;
    }

    /** The child JVM's main class: asks for the kernels several times, as every decoder does. */
    public static final class PrintKernels {
        public static void main(String[] args) {
            for (int i = 0; i < 3; i++) {
                Kernels.active().countEqual(java.lang.foreign.MemorySegment.ofArray(new byte[] {1, 2, 1}), 0, 3, 1);
            }
            System.out.println(Kernels.description());
        }
    }
}
