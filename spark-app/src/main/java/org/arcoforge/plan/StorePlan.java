package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of planning: the target schema, the direct tasks that write whole chunks from the
 * inputs they read, the shuffle that writes the other variables' chunks, how each variable goes,
 * and warnings for the scientist (tiny or huge chunks).
 *
 * @param maxTaskMemory the budget every task's estimated peak stays within
 */
public record StorePlan(TargetSchema schema, List<StoreTask> tasks, ShufflePlan shuffle, List<VariablePlan> variables,
                        List<String> warnings, long maxTaskMemory) implements Serializable {
    public StorePlan {
        tasks = List.copyOf(tasks);
        variables = List.copyOf(variables);
        warnings = List.copyOf(warnings);
    }
}
