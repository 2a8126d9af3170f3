package io.github.scllm.shim.harness;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the shim's {@code FileUtil} resolves {@code knime://} URLs, which KNIME resolves through the running
 * workflow's context: the workflow's folder ({@code knime.workflow}), the mount point that holds it
 * ({@code knime.mountpoint}) and mount points by ID ({@code LOCAL} for the local workspace). Tests set it before
 * running a node; without it such URLs cannot be resolved, as in KNIME outside a workflow.
 */
public final class WorkflowLocation {

    /** The ID of the local workspace's mount point. */
    public static final String LOCAL = "LOCAL";

    private static volatile Path workflow;

    private static volatile String currentMountpoint;

    private static final Map<String, Path> MOUNTPOINTS = new ConcurrentHashMap<>();

    private WorkflowLocation() {
    }

    /**
     * Runs nodes as if in the workflow {@code workflowDir}, which lies in the local workspace {@code workspace}
     * (mount point {@code LOCAL}).
     *
     * @param workflowDir the workflow's folder
     * @param workspace the local workspace's folder, an ancestor of the workflow's
     */
    public static void set(final Path workflowDir, final Path workspace) {
        Path w = workflowDir.toAbsolutePath().normalize();
        Path root = workspace.toAbsolutePath().normalize();
        if (!w.startsWith(root)) {
            throw new IllegalArgumentException("The workflow " + w + " is not inside the workspace " + root + ".");
        }
        MOUNTPOINTS.put(LOCAL, root);
        currentMountpoint = LOCAL;
        workflow = w;
    }

    /**
     * @param id a further mount point's ID
     * @param root its folder
     */
    public static void mountpoint(final String id, final Path root) {
        MOUNTPOINTS.put(id, root.toAbsolutePath().normalize());
    }

    /** Forgets the workflow and all mount points. */
    public static void clear() {
        workflow = null;
        currentMountpoint = null;
        MOUNTPOINTS.clear();
    }

    /** @return the running workflow's folder, if any */
    public static Optional<Path> workflow() {
        return Optional.ofNullable(workflow);
    }

    /** @return the ID of the mount point holding the running workflow, if any */
    public static Optional<String> currentMountpoint() {
        return Optional.ofNullable(currentMountpoint);
    }

    /**
     * @param id a mount point ID
     * @return its folder, if known
     */
    public static Optional<Path> mountpoint(final String id) {
        return Optional.ofNullable(MOUNTPOINTS.get(id));
    }
}
