package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kernel duels where the test JVM's own flags cannot take them, in forked JVMs ({@link ForkedJvm}):
 * <ul>
 *   <li>with 256-bit vectors ({@code -XX:MaxVectorSize=32}), what AVX2 hosts run, whatever this host's widest:
 *       {@link KernelDuelTest} (heap and native segments, every width) and the decoder on each kernel set;</li>
 *   <li>on C2-compiled kernels at 256 bits ({@link C2KernelDuel}): only C2 compiles
 *       ({@code -XX:-TieredCompilation -Xbatch}), the duel runs until JFR shows every kernel compiled, then a
 *       final pass must stay in that code.</li>
 * </ul>
 * Skipped on hardware without 256-bit vectors, and in the scalar-kernel rerun (which tests the provider's
 * other choice; these duels create the vector kernels explicitly, so they would only repeat).
 */
class ForkedKernelDuelTest {

    /** The kernel tests the 256-bit JVM runs: the duels and the decoder on explicitly chosen kernels. */
    static final List<String> DUEL_CLASSES = List.of(KernelDuelTest.class.getName(), DefinitionLevelsTest.class.getName(),
            "io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoderKernelsTest");

    private static final List<String> VECTOR_JVM = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED");
    private static final List<String> C2_ONLY = List.of("-XX:-TieredCompilation", "-Xbatch");

    @BeforeAll
    static void vectorPathRun() {
        assumeTrue(Boolean.parseBoolean(System.getProperty("pqflux.simd", "true")),
                "the forked vector duels run in the default pass, not in the scalar-kernel rerun");
        WideVectors.assumePresent();
    }

    @Test
    void duelsPassWith256BitVectors() {
        // the scalar kernels' decoder cases do not depend on the vector size: this JVM runs them
        ForkedJvm.Result run = ForkedJvm.run(flags(List.of("-XX:MaxVectorSize=32", "-Dpqflux.test.vectorBits=256",
                        "-Dpqflux.test.kernels=vector")),
                RunTests.class, DUEL_CLASSES.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).as(run.describe()).contains("preferred vector bits: 256");
        assertThat(count(run.out(), "tests failed: (\\d+)")).as(run.describe()).isZero();
        assertThat(count(run.out(), "tests aborted: (\\d+)")).as("skipped by assumption; " + run.describe()).isZero();
        // 2 memories × (8 + 32 widths + 5 tests) duels, the vector kernels × 2 memories × 32 widths of the decoder, 3 level tests
        assertThat(count(run.out(), "tests successful: (\\d+)")).as(run.describe()).isEqualTo(90 + 64 + 3);
    }

    @Test
    void duelsPassOnC2CompiledKernelsWith256BitVectors() {
        List<String> flags = new ArrayList<>(List.of("-XX:MaxVectorSize=32"));
        flags.addAll(C2_ONLY);
        ForkedJvm.Result run = ForkedJvm.run(flags(flags), C2KernelDuel.class);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).as(run.describe()).contains("preferred vector bits: 256")
                .contains("C2-compiled kernels: " + new TreeSet<>(C2KernelDuel.KERNELS))
                .contains("of which invalidated compiled code: 0 ")
                .contains("C2 duel passed");
    }

    private static List<String> flags(List<String> extra) {
        List<String> flags = new ArrayList<>(VECTOR_JVM);
        flags.addAll(extra);
        return flags;
    }

    private static long count(String out, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(out);
        assertThat(matcher.find()).as("'" + regex + "' in the output:\n" + out).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The forked JVM's main class: runs the named test classes with the JUnit Platform and prints the summary. */
    public static final class RunTests {
        public static void main(String[] classes) {
            System.out.println("preferred vector bits: " + VectorKernels.bitSize());
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(Arrays.stream(classes).map(name -> selectClass(name)).toList()).build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            PrintWriter out = new PrintWriter(System.out, true);
            summary.printTo(out);
            summary.printFailuresTo(out, 30);
            out.println("tests successful: " + summary.getTestsSucceededCount());
            out.println("tests failed: " + summary.getTestsFailedCount());
            out.println("tests aborted: " + summary.getTestsAbortedCount());
            out.flush();
            System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsAbortedCount() == 0 ? 0 : 1);
        }
    }
}
