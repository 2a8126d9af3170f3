package io.github.scllm.core.genes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local stand-in for E-utilities: answers esearch and esummary in NCBI's JSON shapes from a small gene table,
 * optionally serving scripted responses first, and records every request with its arrival time.
 */
final class FakeNcbi extends Dispatcher {
    /** Arrival time (System.nanoTime) and request. */
    record Arrival(long nanos, RecordedRequest request) {
    }

    private final Map<String, List<String>> idsBySymbol = new HashMap<>();
    private final Map<String, String> recordById = new HashMap<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

    FakeNcbi gene(String searchedAs, String uid, String name, String description, String summary, String aliases,
        int status, String currentId) {
        idsBySymbol.computeIfAbsent(searchedAs.toUpperCase(), k -> new ArrayList<>()).add(uid);
        recordById.put(uid, "{\"uid\":\"" + uid + "\",\"name\":\"" + name + "\",\"description\":\"" + description
            + "\",\"status\":\"" + status + "\",\"currentid\":\"" + (currentId == null ? "" : currentId)
            + "\",\"chromosome\":\"11\",\"otheraliases\":\"" + aliases + "\",\"summary\":\"" + summary
            + "\",\"organism\":{\"scientificname\":\"Homo sapiens\",\"commonname\":\"human\",\"taxid\":9606}}");
        return this;
    }

    /** Also lets a search for {@code symbol} find an existing record. */
    FakeNcbi alsoFinds(String symbol, String uid) {
        idsBySymbol.computeIfAbsent(symbol.toUpperCase(), k -> new ArrayList<>()).add(uid);
        return this;
    }

    private final Map<String, MockResponse> searchFailures = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every search of {@code symbol} is answered {@code r}. */
    FakeNcbi failSearchOf(String symbol, MockResponse r) {
        searchFailures.put(symbol.toUpperCase(), r);
        return this;
    }

    /** Searches of {@code symbol} are answered from the gene table again. */
    FakeNcbi healSearchOf(String symbol) {
        searchFailures.remove(symbol.toUpperCase());
        return this;
    }

    FakeNcbi then(MockResponse r) {
        scripted.add(r);
        return this;
    }

    List<RecordedRequest> requests() {
        synchronized (arrivals) {
            return arrivals.stream().map(Arrival::request).toList();
        }
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        arrivals.add(new Arrival(System.nanoTime(), request));
        synchronized (scripted) {
            if (!scripted.isEmpty()) {
                return scripted.poll();
            }
        }
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        if (path.endsWith("/esearch.fcgi")) {
            String term = url.queryParameter("term");
            String symbol = term.substring(0, term.indexOf('[')).toUpperCase();
            if (searchFailures.containsKey(symbol)) {
                return searchFailures.get(symbol);
            }
            List<String> ids = idsBySymbol.getOrDefault(symbol, List.of());
            return json("{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},\"esearchresult\":{\"count\":\""
                + ids.size() + "\",\"retmax\":\"" + ids.size() + "\",\"retstart\":\"0\",\"idlist\":["
                + String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList())
                + "],\"translationset\":[],\"querytranslation\":\"" + symbol + "[sym]\"}}");
        }
        if (path.endsWith("/esummary.fcgi")) {
            String idParam = url.queryParameter("id");
            if (idParam == null) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                for (String kv : body.split("&")) {
                    if (kv.startsWith("id=")) {
                        idParam = java.net.URLDecoder.decode(kv.substring(3), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
            StringBuilder b = new StringBuilder("{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{");
            List<String> ids = List.of(idParam.split(","));
            b.append("\"uids\":[").append(String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList())).append("]");
            for (String id : ids) {
                String rec = recordById.getOrDefault(id, "{\"uid\":\"" + id + "\",\"error\":\"cannot get document summary\"}");
                b.append(",\"").append(id).append("\":").append(rec);
            }
            return json(b.append("}}").toString());
        }
        return new MockResponse.Builder().code(404).body("unknown path " + path).build();
    }
}
