package io.pqflux.otap.internal.rows;

/**
 * The columns that tie an export's tables together (docs/otap-format.md): a root's or record's {@code id}, a child's
 * {@code parent_id}, a root's resource and scope ids. Value columns are named where their one decoder reads them.
 */
public final class Columns {

    private Columns() {
    }

    /** A root's or record's own id (logs, spans, metrics, data points). */
    public static final String ID = "id";
    /** The id of the row a child row (attribute, event, link, data point, exemplar) belongs to. */
    public static final String PARENT_ID = "parent_id";
    /** A root's resource id: the {@code parent_id} of its {@code resource_attrs} rows. */
    public static final String RESOURCE_ID = "resource.id";
    /** A root's scope id: the {@code parent_id} of its {@code scope_attrs} rows. */
    public static final String SCOPE_ID = "scope.id";
}
