package io.pqflux.internal.codec.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Chooses the kernels once, when first used: {@link VectorKernels} when the module
 * {@code jdk.incubator.vector} is readable, the C2 compiler is on (interpreted, C1-only or with a JVMCI
 * compiler, the Vector API is many times slower than plain loops) and the preferred species has at least
 * 256 bits; otherwise, or with the system property {@code pqflux.simd=false}, {@link ScalarKernels}.
 *
 * <p>Falling back to scalar kernels is said once, through {@link System.Logger} (logger
 * {@code io.pqflux.internal.codec.simd.Kernels}): at {@code WARNING} when the JVM keeps the vector kernels
 * from running (module not added, no C2, a JVMCI compiler, narrow vectors), at {@code INFO} when
 * {@code -Dpqflux.simd=false} asked for it.
 */
public final class Kernels {

    private static final String PROPERTY = "pqflux.simd";
    private static final String VECTOR_CLASS = "io.pqflux.internal.codec.simd.VectorKernels";

    private static final LevelKernels ACTIVE;
    private static final String DESCRIPTION;

    /** What a JVM without the module is told, as Lucene tells it. */
    static final String MODULE_MISSING_MESSAGE = "Java vector incubator module is not readable. For optimal performance, "
            + "pass '--add-modules jdk.incubator.vector' to enable the Vector API decoding kernels; using scalar kernels.";
    /** Logged when the vector kernels were switched off on purpose. */
    static final String SWITCHED_OFF_MESSAGE = "Vector API decoding kernels switched off by -D" + PROPERTY + "=false; using scalar kernels.";
    /** Logged, with the reason appended, when the JVM cannot run the vector kernels well. */
    static final String UNSUITABLE_MESSAGE = "Vector API decoding kernels not used, using scalar kernels: ";

    static {
        boolean switchedOff = !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
        String scalarReason = switchedOff ? PROPERTY + "=false" : null;
        boolean moduleMissing = false;
        if (scalarReason == null) {
            scalarReason = vectorUnavailable().orElse(null);
            moduleMissing = scalarReason != null;
        }
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
        if (vector == null) logFallback(switchedOff, moduleMissing, scalarReason);
    }

    /** Says once why the scalar kernels run: a warning unless the user asked for them. */
    private static void logFallback(boolean switchedOff, boolean moduleMissing, String reason) {
        System.Logger log = System.getLogger(Kernels.class.getName());
        if (switchedOff) {
            log.log(System.Logger.Level.INFO, SWITCHED_OFF_MESSAGE);
        } else if (moduleMissing) {
            log.log(System.Logger.Level.WARNING, MODULE_MISSING_MESSAGE);
        } else {
            log.log(System.Logger.Level.WARNING, UNSUITABLE_MESSAGE + reason);
        }
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
            if (jvmciCompiler(hotSpot)) return Optional.of("JVMCI compiler in use, -XX:+UseJVMCICompiler");
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or jdk.management absent: nothing says C2 is off, so trust the species check.
        }
        return Optional.empty();
    }

    /**
     * A JVMCI compiler (Graal) replaces C2, on which the kernels' Vector API code is measured and tested (Lucene
     * keeps its vector code off there too); builds without JVMCI lack the flag.
     */
    private static boolean jvmciCompiler(HotSpotDiagnosticMXBean hotSpot) {
        try {
            return Boolean.parseBoolean(hotSpot.getVMOption("UseJVMCICompiler").getValue());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
