package org.arcoforge.plan;

import java.io.Serializable;

/**
 * How one target variable is written, for {@code arcoforge plan} and the logs.
 *
 * @param chunkBytes bytes of one uncompressed chunk
 */
public record VariablePlan(String name, Mode mode, long chunks, long chunkBytes, String reason) implements Serializable {
    public enum Mode {
        /** Known from metadata, written while preparing the target. */
        METADATA,
        /** Whole chunks assembled by the task that reads their inputs. */
        DIRECT,
        /** Fragments keyed by chunk through Spark's shuffle. */
        SHUFFLE
    }
}
