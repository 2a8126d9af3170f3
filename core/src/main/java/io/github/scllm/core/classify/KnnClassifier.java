package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** k-nearest-neighbour vote over an {@link ExactNeighborSearch}. */
final class KnnClassifier implements Classifier, Classifiers.Stored {
    private final ExactNeighborSearch search;
    private final Classifiers.LabelIndex labels;
    private final ClassifierOptions options;
    private final int k;

    KnnClassifier(float[][] reference, Classifiers.LabelIndex labels, ClassifierOptions options) {
        this.search = new ExactNeighborSearch(reference, options.metric(), options.threads());
        this.labels = labels;
        this.options = options;
        int effective = options.capKAtSmallestClass() ? Math.min(options.k(), labels.smallestClass()) : options.k();
        if (effective > reference.length) {
            throw new InvalidInputException("k = " + effective + " exceeds the " + reference.length
                    + " reference rows: lower k or switch on capping k at the smallest class size.");
        }
        this.k = effective;
    }

    private KnnClassifier(ExactNeighborSearch search, Classifiers.LabelIndex labels, ClassifierOptions options, int k) {
        this.search = search;
        this.labels = labels;
        this.options = options;
        this.k = k;
    }

    @Override
    public ClassifierOptions options() {
        return options;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(k);
        out.writeInt(labels.rowClass().length);
        for (int c : labels.rowClass()) {
            out.writeInt(c);
        }
        search.writeTo(out);
    }

    static KnnClassifier readFrom(DataInput in, List<String> classes, ClassifierOptions options) throws IOException {
        int k = in.readInt();
        int[] rowClass = Classifiers.readClassIndices(in, classes.size());
        ExactNeighborSearch search = ExactNeighborSearch.readFrom(in, options.threads());
        if (search.size() != rowClass.length || k < 1 || k > rowClass.length) {
            throw new InvalidInputException("The stored KNN classifier is damaged (" + rowClass.length + " labels, "
                    + search.size() + " vectors, k = " + k + "); fit the model again.");
        }
        return new KnnClassifier(search, Classifiers.LabelIndex.of(classes, rowClass), options, k);
    }

    /** @return the k actually used (after the optional cap) */
    int effectiveK() {
        return k;
    }

    @Override
    public List<String> classes() {
        return labels.classes();
    }

    @Override
    public int dimension() {
        return search.dimension();
    }

    @Override
    public List<Prediction> predict(float[][] queries, CancellationToken cancel, ProgressListener progress) {
        Neighbor[][] all = search.search(queries, k, cancel, progress);
        int nc = labels.classes().size();
        List<Prediction> out = new ArrayList<>(all.length);
        for (Neighbor[] neighbors : all) {
            double[] votes = new double[nc];
            boolean exact = false;
            if (options.weighting() == VoteWeighting.DISTANCE) {
                for (Neighbor nb : neighbors) {
                    exact |= nb.distance() == 0.0;
                }
            }
            for (Neighbor nb : neighbors) {
                double w;
                if (options.weighting() == VoteWeighting.UNIFORM) {
                    w = 1.0;
                } else if (exact) {
                    w = nb.distance() == 0.0 ? 1.0 : 0.0;
                } else {
                    w = 1.0 / nb.distance();
                }
                votes[labels.rowClass()[nb.index()]] += w;
            }
            double total = 0;
            for (double v : votes) {
                total += v;
            }
            for (int c = 0; c < nc; c++) {
                votes[c] /= total;
            }
            int winner = Classifiers.argmax(votes);
            if (options.tieBreak() == TieBreak.NEAREST_NEIGHBOR) {
                for (Neighbor nb : neighbors) {
                    int c = labels.rowClass()[nb.index()];
                    if (votes[c] == votes[winner]) {
                        winner = c;
                        break;
                    }
                }
            }
            out.add(Classifiers.decide(labels.classes(), votes, winner, options.rejectThreshold()));
        }
        return out;
    }
}
