package io.pqflux.internal.codec.simd;

import io.pqflux.internal.codec.simd.KernelDuels.Memory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;

/**
 * The duel on C2-compiled vector kernels, as a forked JVM's main class ({@link ForkedKernelDuelTest} starts
 * it with {@code -XX:-TieredCompilation -Xbatch}, so C2 is the only compiler and each compilation finishes
 * before the call that triggered it goes on).
 *
 * <p>Laps of {@link KernelDuels#everyKernel} (every kernel on random widths, lengths and shapes, heap and
 * native segments alternating) warm the kernels up until a JFR recording shows each {@link LevelKernels}
 * method of {@link VectorKernels} in a successful C2 (level 4) compilation: its own (not on-stack
 * replacement), or inlined into another (the duel's methods that call it). Then a final pass of the
 * same laps runs against those compiled methods, and the recording must show no deoptimization that
 * discards vector kernel code during it — so the final pass really ran C2's code (where the Vector API is
 * intrinsified), not the interpreter's object-per-operation fallback. Uncommon traps that keep the compiled method (a
 * profile-built loop predicate failing once) are allowed up to 1% of the calls; any trap that throws the
 * code away fails. Prints what it saw; exits non-zero when a check fails.
 */
public final class C2KernelDuel {

    /** The kernels, by the names of their {@link LevelKernels} methods. */
    static final Set<String> KERNELS = Set.of("unpackBytes", "unpackInts", "fillInts", "countEqualUnlessAbove", "countEqual",
            "atLeast", "firstOutOfRange");
    private static final String VECTOR_KERNELS = VectorKernels.class.getName();
    private static final int WARM_UP_CHECKS = 40;
    private static final int LAPS_PER_CHECK = 250;
    private static final int FINAL_LAPS = 1000;
    /**
     * Deoptimization actions that leave the compiled method in place: the one call that hit the trap finishes
     * in the interpreter (e.g. a loop predicate built from the profile failing on a rarer shape), the next
     * call runs C2's code again. Any other action (reinterpret, make_not_entrant, ...) throws the code away.
     */
    private static final Set<String> KEEPS_CODE = Set.of("none", "maybe_recompile");

    private C2KernelDuel() {
    }

    /** Marks where the final pass starts, on the recording's own clock. */
    @Name("io.pqflux.FinalPass")
    @Label("final duel pass")
    static final class FinalPass extends Event {
    }

    public static void main(String[] args) throws Exception {
        LevelKernels vector = new VectorKernels();
        System.out.println("preferred vector bits: " + VectorKernels.bitSize());
        Random random = new Random(Long.parseLong(args.length > 0 ? args[0] : "7"));
        Path file = Files.createTempFile("pqflux-c2-duel", ".jfr");
        try {
            Set<String> compiled = new TreeSet<>();
            int lap = 0;
            try (Recording recording = new Recording()) {
                recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
                recording.enable("jdk.CompilerInlining");
                recording.enable("jdk.Deoptimization").withStackTrace();
                recording.start();
                for (int check = 0; check < WARM_UP_CHECKS && !compiled.containsAll(KERNELS); check++) {
                    for (int i = 0; i < LAPS_PER_CHECK; i++, lap++) KernelDuels.everyKernel(random, memory(lap), vector);
                    compiled = c2Compiled(recording, file);
                }
                System.out.println("warm-up laps: " + lap);
                System.out.println("C2-compiled kernels: " + compiled);
                if (!compiled.containsAll(KERNELS)) fail("kernels C2 never compiled: " + missing(compiled));
                FinalPass marker = new FinalPass();
                marker.commit();
                for (int i = 0; i < FINAL_LAPS; i++, lap++) KernelDuels.everyKernel(random, memory(lap), vector);
                recording.stop();
                recording.dump(file);
            }
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            Instant finalPass = events.stream().filter(e -> e.getEventType().getName().equals("io.pqflux.FinalPass"))
                    .map(RecordedEvent::getStartTime).findFirst().orElseThrow();
            List<RecordedEvent> traps = events.stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.Deoptimization"))
                    .filter(e -> !e.getStartTime().isBefore(finalPass))
                    .filter(C2KernelDuel::inVectorKernels)
                    .toList();
            List<String> invalidating = traps.stream().filter(e -> !KEEPS_CODE.contains(e.getString("action")))
                    .map(C2KernelDuel::describe).toList();
            long kernelCalls = (long) FINAL_LAPS * KERNELS.size();
            System.out.println("final-pass laps: " + FINAL_LAPS + " (" + kernelCalls + " vector kernel calls)");
            System.out.println("uncommon traps in vector kernel code during the final pass: " + traps.size() + " "
                    + traps.stream().map(C2KernelDuel::describe).distinct().toList());
            System.out.println("of which invalidated compiled code: " + invalidating.size() + " " + invalidating);
            if (!invalidating.isEmpty()) fail("the final pass invalidated C2's code of the kernels");
            if (traps.size() * 100L > kernelCalls) fail("more than 1% of the final pass's kernel calls left C2's code");
            System.out.println("C2 duel passed");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Memory memory(int lap) {
        return (lap & 1) == 0 ? Memory.HEAP : Memory.NATIVE;
    }

    /**
     * Kernel methods of {@link VectorKernels} that C2 compiled so far: on their own (level 4, not on-stack
     * replacement), or inlined into another C2 compilation (such as the duel's loop that calls them).
     */
    private static Set<String> c2Compiled(Recording recording, Path file) throws Exception {
        recording.dump(file);
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Set<Integer> c2Compilations = new HashSet<>();
        Set<String> compiled = new TreeSet<>();
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.Compilation")) continue;
            boolean succeeded = e.hasField("succeded") ? e.getBoolean("succeded") : e.getBoolean("succeeded");
            if (!succeeded || e.getShort("compileLevel") != 4) continue;
            c2Compilations.add(e.getInt("compileId"));
            RecordedMethod method = e.getValue("method");
            if (method != null && isVectorKernels(method.getType().getName()) && !e.getBoolean("isOsr")
                    && KERNELS.contains(method.getName())) {
                compiled.add(method.getName());
            }
        }
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.CompilerInlining")) continue;
            RecordedObject callee = e.getValue("callee");
            if (e.getBoolean("succeeded") && c2Compilations.contains(e.getInt("compileId"))
                    && isVectorKernels(callee.getString("type")) && KERNELS.contains(callee.getString("name"))) {
                compiled.add(callee.getString("name"));
            }
        }
        return compiled;
    }

    private static boolean isVectorKernels(String typeName) {
        return typeName != null && typeName.replace('/', '.').equals(VECTOR_KERNELS);
    }

    /** A deoptimization in vector kernel code: in one of its methods, or in code inlined into one. */
    private static boolean inVectorKernels(RecordedEvent e) {
        RecordedMethod method = e.getValue("method");
        if (method != null && isVectorKernels(method.getType().getName())) return true;
        if (e.getStackTrace() == null) return false;
        for (RecordedFrame frame : e.getStackTrace().getFrames()) {
            if (isVectorKernels(frame.getMethod().getType().getName())) return true;
        }
        return false;
    }

    private static String describe(RecordedEvent e) {
        return method(e) + " " + e.getString("reason") + "/" + e.getString("action");
    }

    private static String method(RecordedEvent e) {
        RecordedMethod method = e.getValue("method");
        return method == null ? "?" : method.getType().getName() + "::" + method.getName();
    }

    private static Set<String> missing(Set<String> compiled) {
        Set<String> missing = new TreeSet<>(KERNELS);
        missing.removeAll(compiled);
        return missing;
    }

    private static void fail(String message) {
        System.out.println("FAILED: " + message);
        System.exit(1);
    }
}
