package io.pqflux.cli;

/** {@code --progress}: when a long command draws its progress line on stderr. */
enum ProgressMode {
    /** When stderr is a terminal and the command's output is not going to the same screen. */
    AUTO,
    ALWAYS,
    NEVER
}
