package io.github.scllm.core.genes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.github.scllm.core.CancellationToken;

/** A local file loaded once into a {@link GeneIndex}; lookups resolve symbols, aliases and Ensembl IDs in memory. */
abstract sealed class IndexedFileSource implements GeneSource permits GeneInfoSource, SummaryTableSource {
    private final String name;
    private final GeneIndex index;

    IndexedFileSource(String name, GeneIndex index) {
        this.name = name;
        this.index = index;
    }

    /** @return the number of distinct symbols loaded */
    public int size() {
        return index.size();
    }

    /** @return the keys of the symbols this file names as genes of their own */
    Set<String> symbolKeys() {
        return index.symbolKeys();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DescriptionSource kind() {
        return DescriptionSource.FILE;
    }

    @Override
    public Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel) {
        Map<String, GeneHit> out = new HashMap<>();
        for (String s : symbols) {
            GeneHit h = index.resolve(s);
            if (h != null) {
                out.put(s, h);
            }
        }
        return out;
    }
}
