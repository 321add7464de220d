package io.pqflux.format.meta;

/** Header of an index page; the format defines no fields for it. */
public record IndexPageHeader() {
}
