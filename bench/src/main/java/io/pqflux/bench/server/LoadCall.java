package io.pqflux.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One request the load clients send: its kind (a row of the report), its path and query, and the check its JSON answer
 * must pass (null when right, else what is wrong).
 */
record LoadCall(String kind, String pathAndQuery, Function<JsonNode, String> check) {
}
