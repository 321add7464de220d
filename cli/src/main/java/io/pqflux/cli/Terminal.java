package io.pqflux.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether a standard stream is a terminal, asked of the C library ({@code isatty}). The JDK cannot tell for stderr:
 * {@code System.console()} and {@code Console.isTerminal()} describe stdin and stdout only (and since JDK 22 a
 * console exists even when both are redirected). {@code isatty} is exact on Linux and macOS without guessing from
 * {@code /proc/self/fd} link names; where the C library has no {@code isatty} (Windows) nothing is a terminal.
 * It is a restricted (native) call: the launcher and the jar's manifest enable native access.
 */
final class Terminal {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    private static final MethodHandle IS_A_TTY = isatty();

    private Terminal() {
    }

    static boolean isTerminal(int fd) {
        if (IS_A_TTY == null) return false;
        try {
            return (int) IS_A_TTY.invokeExact(fd) == 1;
        } catch (Throwable e) {
            throw new IllegalStateException("isatty(" + fd + ") failed", e);
        }
    }

    @SuppressWarnings("restricted") // the CLI runs with --enable-native-access for exactly this call
    private static MethodHandle isatty() {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> symbol = linker.defaultLookup().find("isatty");
        return symbol.map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))).orElse(null);
    }
}
