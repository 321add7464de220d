package io.pqflux.tempo.internal.meta;

import java.util.List;

/**
 * One {@code dedicatedColumns} entry in either encoding: the compact keys Tempo writes into metas ({@code s}, {@code n},
 * {@code t}, {@code o}) or the long keys of its configuration ({@code scope}, {@code name}, {@code type},
 * {@code options}). Both are read so that hand-written or converted metas work; {@link MetaConverter} refuses an entry
 * that gives the same field in both encodings, since nothing says which would win.
 */
record DedicatedColumnDocument(String s, String n, String t, List<String> o,
                               String scope, String name, String type, List<String> options) {
}
