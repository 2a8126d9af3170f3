#!/bin/sh
# Runs every benchmark of this folder, each against its peer on the same data in the same run, and writes one
# results table: benchmarks/RESULTS.md and benchmarks/results.json (see benchmarks/README.md).
#
#   sh benchmarks/run-all.sh [--quick] [--out DIR]
#
# Run from anywhere after `mvn -q -B package -DskipTests`; this script builds nothing. Missing Debian peers
# (python3-anndata, python3-sklearn, python3-torch, ...) are installed with apt-get when running as root (or with
# password-less sudo); a benchmark whose peer cannot be installed is skipped with a line saying why.
# --quick: small sizes, a few minutes in all. --out DIR: write the two result files there instead.
# Full mode generates a 1 GB h5ad once in $SCLLM_BENCH_DATA (default: ${TMPDIR:-/tmp}/scllm-bench).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/benchmarks
QUICK=0
OUT=$HERE
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --out) [ $# -ge 2 ] || { echo "--out needs a folder" >&2; exit 2; }; OUT=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument '$1'; use [--quick] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done
PY=/usr/bin/python3
JAR=$ROOT/core/target/scllm.jar
if [ ! -f "$JAR" ] || [ ! -d "$ROOT/core/target/classes" ]; then
    echo "run-all: $JAR is missing; build first with: mvn -q -B package -DskipTests" >&2
    exit 1
fi
command -v java >/dev/null 2>&1 || { echo "run-all: java is not on the PATH" >&2; exit 1; }
[ -x "$PY" ] || { echo "run-all: $PY is missing; install Debian's python3" >&2; exit 1; }
mkdir -p "$OUT" || exit 1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scllm-run-all.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT INT TERM
LINES=$WORK/bench.lines      # every BENCH line, prefixed with the benchmark's name
STATUS=$WORK/status.tsv      # benchmark, status (ran, skipped, failed), note
: > "$LINES"
: > "$STATUS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

say() { echo "== run-all: $*"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$STATUS"; }

# peers MODULE:PACKAGE ...: makes the Python modules importable by /usr/bin/python3, installing the Debian
# packages of the missing ones. Prints the packages still missing (empty when all are there).
peers() {
    missing=""
    for mp in "$@"; do
        "$PY" -c "import ${mp%%:*}" >/dev/null 2>&1 || missing="$missing ${mp#*:}"
    done
    if [ -n "$missing" ]; then
        as_root=""
        if [ "$(id -u)" != 0 ]; then
            if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; else
                echo "$missing"; return; fi
        fi
        if command -v apt-get >/dev/null 2>&1; then
            say "installing$missing with apt-get" >&2
            # once per run; a marker file, because this function runs in a subshell
            if [ ! -f "$WORK/apt-updated" ]; then
                $as_root apt-get update -qq >"$WORK/apt-update.log" 2>&1 && : > "$WORK/apt-updated"
            fi
            # shellcheck disable=SC2086
            DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing \
                >"$WORK/apt-install.log" 2>&1 || true
        fi
        still=""
        for mp in "$@"; do
            "$PY" -c "import ${mp%%:*}" >/dev/null 2>&1 || still="$still ${mp#*:}"
        done
        missing=$still
    fi
    echo "$missing"
}

# run NAME COMMAND...: runs a benchmark, shows its output and keeps its BENCH lines.
run() {
    name=$1; shift
    say "$name: $*"
    log=$WORK/$name.log
    ( "$@" ) > "$log" 2>&1
    rc=$?
    cat "$log"
    found=$(grep -c '^BENCH ' "$log")
    grep '^BENCH ' "$log" | sed "s/^BENCH /$name\t/" >> "$LINES"
    if [ "$rc" != 0 ]; then
        last=$(grep -v '^BENCH ' "$log" | grep -v '^[[:space:]]*$' | tail -1 | tr '\t|' '  ' | cut -c1-200)
        record "$name" failed "exit code $rc; last line: $last"
    elif [ "$found" = 0 ]; then
        record "$name" failed "printed no BENCH line"
    else
        record "$name" ran "$found figure(s)"
    fi
}

skip() {
    say "SKIPPED $1: $2"
    record "$1" skipped "$2"
}

# 1. read: our h5ad reader against anndata
m=$(peers anndata:python3-anndata h5py:python3-h5py numpy:python3-numpy)
if [ -n "$m" ]; then skip read "peer packages not installable:$m"; else
    if [ "$QUICK" = 1 ]; then
        data=$WORK/read-quick.h5ad
        "$PY" "$HERE/read/make_big_h5ad.py" "$data" 50000 10000 200 >/dev/null
    else
        dir=${SCLLM_BENCH_DATA:-${TMPDIR:-/tmp}/scllm-bench}
        mkdir -p "$dir"
        data=$dir/big200k.h5ad
    fi
    run read sh "$HERE/read/run.sh" "$data"
fi

# 2. KNN classify against scikit-learn, 3. SupCon epoch against PyTorch
QFLAG=""
[ "$QUICK" = 1 ] && QFLAG=--quick
m=$(peers numpy:python3-numpy sklearn:python3-sklearn)
if [ -n "$m" ]; then skip knn "peer packages not installable:$m"; else
    run knn sh "$HERE/learn/run.sh" $QFLAG knn
fi
m=$(peers numpy:python3-numpy torch:python3-torch)
if [ -n "$m" ]; then skip supcon "peer packages not installable:$m"; else
    run supcon sh "$HERE/learn/run.sh" $QFLAG supcon
fi

# 4. top genes against numpy, 5. local embedding, 6. cell embedding against numpy, predict against scikit-learn:
# folders of their own; each run.sh is told about quick mode by
# the environment variable BENCH_QUICK=1, and by --quick if the script mentions that option.
for b in topgenes embed cellembed predict; do
    script=$HERE/$b/run.sh
    if [ ! -f "$script" ]; then skip "$b" "benchmarks/$b/run.sh does not exist in this checkout"; continue; fi
    if [ "$b" = topgenes ]; then
        m=$(peers numpy:python3-numpy scipy:python3-scipy anndata:python3-anndata)
        if [ -n "$m" ]; then skip "$b" "peer packages not installable:$m"; continue; fi
    fi
    if [ "$b" = predict ]; then
        m=$(peers numpy:python3-numpy sklearn:python3-sklearn h5py:python3-h5py)
        if [ -n "$m" ]; then skip "$b" "peer packages not installable:$m"; continue; fi
    fi
    if [ "$b" = cellembed ]; then
        m=$(peers numpy:python3-numpy)
        if [ -n "$m" ]; then skip "$b" "peer packages not installable:$m"; continue; fi
    fi
    args=""
    if [ "$b" = embed ]; then
        # it embeds real gene summaries: the public test data folder (SCLLM_TESTDATA, else ../shared/data)
        data=${SCLLM_TESTDATA:-$ROOT/../shared/data}
        if [ ! -f "$data/gene_summaries/refseq_gene_summary_human.tsv.gz" ]; then
            skip "$b" "no gene summaries: set SCLLM_TESTDATA to the test data folder"; continue
        fi
        args=$data
        [ "$QUICK" = 1 ] && args="$data 100"
    fi
    flag=""
    [ "$QUICK" = 1 ] && grep -q -- '--quick' "$script" && flag=--quick
    run "$b" env BENCH_QUICK=$QUICK sh "$script" $args $flag
done

# 7. end to end: `scllm annotate --demo`, cells per second (no peer runs the same pipeline)
# (listed among the commands of the main help; `scllm annotate --help` alone would not tell)
if java -jar "$JAR" --help 2>&1 | grep -q '^  *annotate  '; then
    run annotate "$PY" - "$JAR" "$ROOT/demo/pbmc_demo.h5ad" "$WORK/annotate" <<'PY'
import json, subprocess, sys, time
jar, demo, out = sys.argv[1:4]
info = subprocess.run(["java", "-jar", jar, "inspect", "--json", demo], capture_output=True, text=True, check=True)
summary = json.loads(info.stdout)
cells = summary["n_cells"]
t0 = time.perf_counter()
run = subprocess.run(["java", "-jar", jar, "annotate", "--demo", "--out", out], capture_output=True, text=True)
seconds = time.perf_counter() - t0
print(run.stdout[-3000:])
if run.returncode != 0:
    sys.exit(f"annotate --demo failed with exit code {run.returncode}: {run.stderr[-2000:]}")
print(f"annotate --demo: {cells} cells in {seconds:.2f} s")
print("BENCH " + json.dumps({"name": "annotate_demo", "metric": "cells_per_s", "unit": "cells/s",
                             "ours": round(cells / seconds, 2), "peer": None, "peer_name": None, "ratio": None,
                             "higher_is_better": True,
                             "data": f"demo/pbmc_demo.h5ad ({cells} synthetic cells), whole pipeline incl. JVM start"}))
PY
else
    skip annotate "this build has no 'scllm annotate' command"
fi

# Results table
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
"$PY" - "$LINES" "$STATUS" "$OUT" "$QUICK" "$ROOT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import datetime, json, os, platform, re, subprocess, sys

lines_file, status_file, out, quick, root, load_before, load_after = sys.argv[1:8]


def sh(*cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=root)
        return (r.stdout + r.stderr).strip()
    except OSError:
        return ""


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ram_gb():
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
        return round(kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        return None


def versions():
    out = {"python": platform.python_version()}
    for mod in ("anndata", "h5py", "numpy", "scipy", "sklearn", "torch"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:  # not installed or broken: report as absent
            out[mod] = None
    return out


def os_name():
    try:
        with open("/etc/os-release") as f:
            return re.search(r'PRETTY_NAME="?([^"\n]*)', f.read()).group(1)
    except (OSError, AttributeError):
        return platform.platform()


figures, problems = [], []
with open(lines_file) as f:
    for line in f:
        bench, _, payload = line.rstrip("\n").partition("\t")
        try:
            b = json.loads(payload)
        except ValueError as e:
            problems.append(f"{bench}: unreadable BENCH line ({e}): {payload[:200]}")
            continue
        missing = [k for k in ("name", "metric", "unit", "ours", "higher_is_better") if k not in b]
        if missing or not isinstance(b.get("ours"), (int, float)) or b["ours"] <= 0:
            problems.append(f"{bench}: BENCH line without a measured value ({missing or b.get('ours')}): {payload[:200]}")
            continue
        peer = b.get("peer")
        if isinstance(peer, (int, float)) and peer > 0:
            expected = b["ours"] / peer if b["higher_is_better"] else peer / b["ours"]
            if b.get("ratio") is None or abs(b["ratio"] - expected) > 0.01 * expected + 1e-3:
                problems.append(f"{bench}/{b['name']}: ratio {b.get('ratio')} recomputed as {expected:.3f}")
            b["ratio"] = round(expected, 3)
        else:
            b["peer"], b["ratio"] = None, None
        b["benchmark"] = bench
        figures.append(b)
runs = []
with open(status_file) as f:
    for line in f:
        bench, status, note = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        runs.append({"benchmark": bench, "status": status, "note": note})

java = sh("java", "-version").splitlines()
commit = sh("git", "rev-parse", "--short", "HEAD")
dirty = sh("git", "status", "--porcelain", "--untracked-files=no")
result = {
    "mode": "quick" if quick == "1" else "full",
    "written_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
    "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    "machine": {
        "cpu": cpu_model(), "cores": os.cpu_count(), "ram_gb": ram_gb(), "os": os_name(),
        "java": java[0] if java else "unknown", "load_average_before": load_before,
        "load_average_after": load_after, "python_packages": versions(),
    },
    "figures": figures,
    "runs": runs,
    "problems": problems,
}
os.makedirs(out, exist_ok=True)
tmp = os.path.join(out, ".results.json.tmp")
with open(tmp, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmp, os.path.join(out, "results.json"))


def num(v):
    if v is None:
        return "–"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"


m = result["machine"]
md = ["# Benchmark results", "",
      f"Written by `benchmarks/run-all.sh{' --quick' if quick == '1' else ''}` at commit {result['commit']} "
      f"({result['written_utc']} UTC by the machine's clock). Mode: **{result['mode']}**"
      + (" (small sizes: indicative only; JVM start-up and warm-up weigh more than in full runs)." if quick == "1"
         else "."), "",
      "Ratio > 1 means the engine is better: ours/peer for throughputs, peer/ours for times and memory. "
      "Peers ran on the same data in the same run.", "",
      "| benchmark | figure | unit | ours | peer | peer | ratio | data |",
      "|---|---|---|---|---|---|---|---|"]
for b in figures:
    better = "higher" if b["higher_is_better"] else "lower"
    md.append(f"| {b['benchmark']} | {b['name']} ({b['metric']}, {better} is better) | {b['unit']} | {num(b['ours'])} "
              f"| {num(b['peer'])} | {b.get('peer_name') or 'no peer'} | {num(b['ratio'])} | {b.get('data', '')} |")
md += ["", "## Runs", "", "| benchmark | status | note |", "|---|---|---|"]
md += [f"| {r['benchmark']} | {r['status']} | {r['note']} |" for r in runs]
if problems:
    md += ["", "## Problems", ""] + [f"- {p}" for p in problems]
md += ["", "## Machine", "", "| property | value |", "|---|---|",
       f"| CPU | {m['cpu']} |", f"| cores | {m['cores']} |", f"| RAM | {m['ram_gb']} GB |", f"| OS | {m['os']} |",
       f"| Java | {m['java']} |",
       f"| load average (1, 5, 15 min) before / after | {m['load_average_before']} / {m['load_average_after']} |"]
md += [f"| {k} | {v or 'not installed'} |" for k, v in m["python_packages"].items()]
tmp = os.path.join(out, ".RESULTS.md.tmp")
with open(tmp, "w") as f:
    f.write("\n".join(md) + "\n")
os.replace(tmp, os.path.join(out, "RESULTS.md"))
print(f"== run-all: {len(figures)} figures, "
      f"{sum(r['status'] == 'skipped' for r in runs)} skipped, {sum(r['status'] == 'failed' for r in runs)} failed, "
      f"{len(problems)} problems -> {os.path.join(out, 'RESULTS.md')}, {os.path.join(out, 'results.json')}")
sys.exit(1 if problems or any(r["status"] == "failed" for r in runs) else 0)
PY
