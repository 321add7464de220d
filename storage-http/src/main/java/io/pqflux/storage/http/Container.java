package io.pqflux.storage.http;

import io.pqflux.storage.StoredObject;
import reactor.core.publisher.Flux;

/** One bucket or container of a service: how its objects are addressed and listed. */
public interface Container {

    /** The container as a URI ending in '/': {@code s3://bucket/}, {@code az://container/}. */
    String uri();

    /** Where requests for the object {@code key} go. */
    RequestTarget target(String key);

    /** Every object whose key starts with {@code keyPrefix}, in key order, page by page; paths are the full keys. */
    Flux<StoredObject> list(String keyPrefix);
}
