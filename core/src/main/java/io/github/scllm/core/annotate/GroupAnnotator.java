package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.MarkerGene;

import java.util.List;

/** One annotation method, bound to its reference, ontology and options. Implementations are thread-safe. */
@FunctionalInterface
public interface GroupAnnotator {

    /**
     * Annotates one group.
     *
     * @param group the group's name
     * @param markers the group's markers, best first; statistics may be NaN for a plain gene list
     * @param cancel checked between remote requests
     * @return the annotation, never null; a group the method cannot call is {@link AnnotationStatus#UNRESOLVED}
     * @throws EngineException (or a subclass) when a remote service or the embedder fails
     */
    GroupAnnotation annotate(String group, List<MarkerGene> markers, CancellationToken cancel);
}
