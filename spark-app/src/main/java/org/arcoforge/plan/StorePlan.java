package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/** The outcome of planning: the target schema and the tasks that write every chunk of it. */
public record StorePlan(TargetSchema schema, List<StoreTask> tasks) implements Serializable {
    public StorePlan {
        tasks = List.copyOf(tasks);
    }
}
