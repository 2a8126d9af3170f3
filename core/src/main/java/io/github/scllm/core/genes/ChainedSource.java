package io.github.scllm.core.genes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;

/** Several sources asked in order: each is asked only for the symbols the earlier ones did not find or describe. */
public final class ChainedSource implements GeneSource {
    private final List<GeneSource> sources;

    /**
     * @param sources at least one source, asked in this order
     * @throws InvalidInputException when the list is empty
     */
    public ChainedSource(List<GeneSource> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new InvalidInputException("A chain of gene sources needs at least one source.");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public String name() {
        return String.join("+", sources.stream().map(GeneSource::name).toList());
    }

    @Override
    public DescriptionSource kind() {
        return sources.get(0).kind();
    }

    @Override
    public Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel) {
        Map<String, GeneHit> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>(symbols);
        for (GeneSource s : sources) {
            if (missing.isEmpty()) {
                break;
            }
            // a later source may know what an earlier one reported as not found
            s.find(missing, cancel).forEach((symbol, hit) -> {
                GeneHit earlier = found.get(symbol);
                if (earlier == null || earlier.status() == LookupStatus.NOT_FOUND) {
                    found.put(symbol, hit);
                }
            });
            missing.removeIf(sym -> found.containsKey(sym) && found.get(sym).status() != LookupStatus.NOT_FOUND);
        }
        return found;
    }
}
