package io.pqflux.traceql.internal;

/** A span status literal: {@code ok}, {@code error}, {@code unset}. */
public enum Status {
    OK("ok"), ERROR("error"), UNSET("unset");

    private final String keyword;

    Status(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
