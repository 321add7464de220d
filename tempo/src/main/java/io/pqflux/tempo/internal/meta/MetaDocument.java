package io.pqflux.tempo.internal.meta;

import java.util.List;

/**
 * {@code meta.json}, {@code meta.compacted.json} or one entry of a tenant index, exactly as the JSON spells it. Numbers
 * are boxed and nothing is validated here: a missing key must be told apart from a zero, and the checks with their
 * error messages live in {@link MetaConverter}. Legacy and unknown keys are ignored by the mapper.
 */
record MetaDocument(String format, String blockID, String tenantID, String startTime, String endTime,
                    Long totalObjects, Long size, Long compactionLevel, Long totalRecords, Long bloomShards,
                    Long footerSize, List<DedicatedColumnDocument> dedicatedColumns, Long replicationFactor,
                    String compactedTime) {
}
