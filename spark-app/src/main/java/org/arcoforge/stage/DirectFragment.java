package org.arcoforge.stage;

import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Fragment;
import org.arcoforge.plan.TargetVariable;

/**
 * One fragment of a direct task: the part of its chunk that one input contributes, with the chunk
 * write it belongs to.
 *
 * @param fragment where the fragment lies in the input and in the chunk (the plan's {@link Fragment})
 */
record DirectFragment(ChunkWrite write, TargetVariable variable, Fragment fragment) {
}
