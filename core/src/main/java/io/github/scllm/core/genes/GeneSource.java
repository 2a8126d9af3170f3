package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One place that knows about genes: a file, a web service, or another species via orthologs. A
 * {@link GeneDescriptionLookup} asks its sources in order, each for the symbols still lacking a description.
 */
public interface GeneSource {

    /** @return a stable name identifying this source, used in notes and cache keys (e.g. {@code ncbi}) */
    String name();

    /** @return the kind reported for descriptions from this source */
    DescriptionSource kind();

    /** @return whether answers should be kept in the persistent cache (true for network sources) */
    default boolean cacheable() {
        return false;
    }

    /**
     * Looks up symbols.
     *
     * @param symbols distinct upper-cased symbols or Ensembl gene IDs, none blank
     * @param cancel polled between requests or rows
     * @return hits keyed by the asked symbol; symbols the source does not know may be absent or mapped to a
     *         {@link LookupStatus#NOT_FOUND} hit
     * @throws io.github.scllm.core.EngineException if the source fails (file unreadable, service unreachable)
     */
    Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel);

    /**
     * Looks up symbols, handing over answers as they are complete, so that a caller can keep them before a later
     * symbol fails (a network source answers in parts).
     *
     * @param symbols as {@link #find(Collection, CancellationToken)}
     * @param cancel as {@link #find(Collection, CancellationToken)}
     * @param finished receives each part of the answer once it is complete
     * @return every hit, as {@link #find(Collection, CancellationToken)}
     * @throws io.github.scllm.core.EngineException if the source fails; parts handed over before stay valid
     */
    default Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel,
        Consumer<Map<String, GeneHit>> finished) {
        Map<String, GeneHit> all = find(symbols, cancel);
        finished.accept(all);
        return all;
    }
}
