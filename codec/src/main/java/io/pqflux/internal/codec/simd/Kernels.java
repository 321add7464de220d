package io.pqflux.internal.codec.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Chooses the kernels once, when first used: {@link VectorKernels} when the module
 * {@code jdk.incubator.vector} is readable, the C2 compiler is on (interpreted or C1-only, the Vector API
 * is many times slower than plain loops) and the preferred species has at least 256 bits; otherwise, or
 * with the system property {@code pqflux.simd=false}, {@link ScalarKernels}.
 */
public final class Kernels {

    private static final String PROPERTY = "pqflux.simd";
    private static final String VECTOR_CLASS = "io.pqflux.internal.codec.simd.VectorKernels";

    private static final LevelKernels ACTIVE;
    private static final String DESCRIPTION;

    static {
        String scalarReason = Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) ? null : PROPERTY + "=false";
        if (scalarReason == null) scalarReason = vectorUnavailable().orElse(null);
        if (scalarReason == null) scalarReason = compilerUnsuitable().orElse(null);
        LevelKernels vector = null;
        if (scalarReason == null) {
            try {
                vector = vector();
            } catch (IllegalStateException e) {
                scalarReason = e.getMessage();
            }
        }
        ACTIVE = vector == null ? scalar() : vector;
        DESCRIPTION = vector == null ? "scalar (" + scalarReason + ")" : "vector (" + vectorBitSize() + "-bit, jdk.incubator.vector)";
    }

    private Kernels() {}

    /** The kernels chosen for this JVM. */
    public static LevelKernels active() {
        return ACTIVE;
    }

    /** Which kernels are active and why, e.g. {@code vector (512-bit, jdk.incubator.vector)} or {@code scalar (pqflux.simd=false)}. */
    public static String description() {
        return DESCRIPTION;
    }

    /** The plain-loop kernels, whatever is active (benchmarks, duel tests). */
    public static LevelKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API kernels, whatever is active (benchmarks, duel tests).
     *
     * @throws IllegalStateException naming the reason when this JVM cannot run them
     */
    public static LevelKernels vector() {
        vectorUnavailable().ifPresent(reason -> {
            throw new IllegalStateException("vector kernels unavailable: " + reason);
        });
        try {
            return (LevelKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("vector kernels unavailable: " + cause.getMessage(), cause);
        }
    }

    /** Bits per vector of the preferred species; only call once the vector module is known to be present. */
    private static int vectorBitSize() {
        try {
            return (int) Class.forName(VECTOR_CLASS).getDeclaredMethod("bitSize").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checked before any vector class is touched, so a JVM without the module never tries to load one. */
    private static Optional<String> vectorUnavailable() {
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (module.isEmpty() || !Kernels.class.getModule().canRead(module.get())) {
            return Optional.of("jdk.incubator.vector not readable");
        }
        return Optional.empty();
    }

    /** Without C2 the Vector API falls back to objects per operation, far slower than scalar loops. */
    private static Optional<String> compilerUnsuitable() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) return Optional.of("interpreter only, -Xint");
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null) return Optional.empty();
            if (!Boolean.parseBoolean(hotSpot.getVMOption("UseCompiler").getValue())) return Optional.of("JIT compiler off");
            if (Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue())
                    && Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()) < 4) {
                return Optional.of("C2 off, TieredStopAtLevel < 4");
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or jdk.management absent: nothing says C2 is off, so trust the species check.
        }
        return Optional.empty();
    }
}
