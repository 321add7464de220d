package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider picks what the build asked for: the build passes {@code -Dpqflux.simd} (true by default), so
 * a run meant to test the vector path fails here if the scalar path is what runs, and the other way round.
 */
class KernelsProviderTest {

    @Test
    void picksTheKernelsTheRunAskedFor() {
        if (Boolean.parseBoolean(System.getProperty("pqflux.simd", "true"))) {
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
        assertThat(Kernels.vector()).isInstanceOf(VectorKernels.class);
    }

    @Test
    void aJvmWithoutTheVectorModuleOrWithoutC2RunsScalar() throws Exception {
        assertThat(describeIn(List.of())).isEqualTo("scalar (jdk.incubator.vector not readable)");
        assertThat(describeIn(List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1")))
                .isEqualTo("scalar (C2 off, TieredStopAtLevel < 4)");
        assertThat(describeIn(List.of("--add-modules", "jdk.incubator.vector", "-Xint"))).isEqualTo("scalar (interpreter only, -Xint)");
        assertThat(describeIn(List.of("--add-modules", "jdk.incubator.vector", "-Dpqflux.simd=false"))).isEqualTo("scalar (pqflux.simd=false)");
        assertThat(describeIn(List.of("--add-modules", "jdk.incubator.vector"))).startsWith("vector (");
    }

    /** {@link Kernels#description()} as a fresh JVM with {@code flags} prints it. */
    private static String describeIn(List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintKernels.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as("exit of %s", command).isZero();
        return out;
    }

    /** The child JVM's main class. */
    public static final class PrintKernels {
        public static void main(String[] args) {
            System.out.println(Kernels.description());
        }
    }
}
