package io.github.scllm.core.classify;

/**
 * One neighbour of a query: the 0-based row of the reference and its distance to the query. Lists of neighbours are
 * ordered by ascending distance, ties broken by ascending index.
 *
 * @param index 0-based reference row
 * @param distance cosine distance (1 - cosine similarity) or Euclidean distance, never negative
 */
public record Neighbor(int index, double distance) implements Comparable<Neighbor> {

    @Override
    public int compareTo(Neighbor other) {
        int byDistance = Double.compare(distance, other.distance);
        return byDistance != 0 ? byDistance : Integer.compare(index, other.index);
    }
}
