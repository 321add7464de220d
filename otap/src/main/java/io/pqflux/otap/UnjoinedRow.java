package io.pqflux.otap;

/**
 * A row the replay could not join unambiguously, reported instead of being attached to the wrong record: a child
 * whose parent does not exist, or (unless {@link JoinMode#LITERAL}) a root whose resource or scope attributes could not
 * be proven its batch's and were therefore left off.
 *
 * @param file   the file of the row, relative to the base
 * @param table  its table
 * @param row    its row index in the file
 * @param reason what could not be joined and why
 */
public record UnjoinedRow(String file, OtapTable table, long row, String reason) {
}
