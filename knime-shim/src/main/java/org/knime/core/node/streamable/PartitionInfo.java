package org.knime.core.node.streamable;

/**
 * Which of how many partitions a streamable operator processes.
 */
public class PartitionInfo {

    private final int m_index;

    private final int m_count;

    /**
     * @param index zero-based index of the partition, less than {@code count}
     * @param count number of partitions, at least 1
     * @throws IllegalArgumentException if the index or count is out of range
     */
    public PartitionInfo(final int index, final int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("Invalid partition " + index + " of " + count + ": the index must lie "
                + "in [0, count) and the count be at least 1.");
        }
        m_index = index;
        m_count = count;
    }

    /**
     * @return zero-based index of the partition
     */
    public int getPartitionIndex() {
        return m_index;
    }

    /**
     * @return number of partitions
     */
    public int getPartitionCount() {
        return m_count;
    }
}
