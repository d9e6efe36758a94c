#!/usr/bin/env bash
# Tests/corpus/run.sh [MAXLIVE] — the outside corpus: kernel-style programs written by someone
# who read neither the analysis nor Fixtures/ (see README.md here), measured and analysed.
#
# For each programs/NAME.swift, cached in $MAXLIVE_CORPUS_CACHE (default /tmp/maxlive-corpus),
# made only when missing:
#   measured/NAME.txt        Fixtures/measure on the whole program (entries in file order)
#   measured/NAME.iso.txt    each entry alone in a fresh process (it pays the lazy
#                            initialisation of the globals it touches)
#   measured/NAME.state.txt  a stateful run: fixtureReset disabled, each entry's inputs
#                            repeated 4 times, all entries twice (state earlier calls leave is
#                            a reachable state too)
#   sil/NAME.sil             Fixtures/measure --sil
# An entry's measured peak is the largest of the three. The analysis runs every time.
# stdout: a TSV (program, entry, measured peak, bound or UNBOUNDED, ratio, first reason), then
# '#' summary lines: unbounded share, entries whose bound is below the measured peak (listed),
# median and 90th percentile of bound ÷ peak, the most common first reasons.
# Build maxlive first (swift build); the first run measures everything (about 5 minutes).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${1:-$ROOT/.build/debug/maxlive}"
R="${MAXLIVE_CORPUS_CACHE:-/tmp/maxlive-corpus}"
MEASURE="$ROOT/Fixtures/measure"
mkdir -p "$R"
ln -sfn "$HERE/programs" "$R/corpus"
cd "$R"
mkdir -p measured sil iso state
TAG=$(echo "$BIN" | md5sum | cut -c1-8)
OUT="$R/out/$TAG"; mkdir -p "$OUT"

progs=$(ls corpus/*.swift | xargs -n1 basename | sed 's/\.swift$//' | sort)

gen_one() {   # NAME: build whatever cache is missing
    n="$1"
    if [ ! -s "measured/$n.txt" ]; then
        "$MEASURE" "corpus/$n.swift" > "measured/$n.txt.tmp" 2> "measured/$n.err" \
            && mv "measured/$n.txt.tmp" "measured/$n.txt" || echo "measure failed: $n" >&2
    fi
    if [ ! -s "measured/$n.iso.txt" ]; then
        : > "measured/$n.iso.txt.tmp"
        grep -E '^// inputs:' "corpus/$n.swift" | while read -r line; do
            e=$(echo "$line" | awk '{print $3}' | sed 's/[^A-Za-z0-9_]/_/g')
            f="iso/${n}__${e}.swift"
            grep -vE '^// inputs:' "corpus/$n.swift" > "$f"; echo "$line" >> "$f"
            "$MEASURE" "$f" 2>>"measured/$n.iso.err" | grep -P '\tmax\t' >> "measured/$n.iso.txt.tmp" \
                || echo "iso measure failed: $n $e" >&2
        done
        mv "measured/$n.iso.txt.tmp" "measured/$n.iso.txt"
    fi
    if [ ! -s "measured/$n.state.txt" ]; then
        # stateful run: no fixtureReset, every entry's inputs repeated 4 times, two rounds
        f="state/$n.swift"
        sed 's/^public func fixtureReset()/func _fixtureResetDisabled()/' "corpus/$n.swift" | grep -vE '^// inputs:' > "$f"
        for round in 1 2; do
            grep -E '^// inputs:' "corpus/$n.swift" | while read -r line; do
                args=$(echo "$line" | cut -d' ' -f4-)
                echo "$line $args $args $args" >> "$f"
            done
        done
        "$MEASURE" "$f" 2>"measured/$n.state.err" | grep -P '\tmax\t' > "measured/$n.state.txt.tmp" \
            && mv "measured/$n.state.txt.tmp" "measured/$n.state.txt" || echo "state measure failed: $n" >&2
    fi
    if [ ! -s "sil/$n.sil" ]; then
        "$MEASURE" --sil "corpus/$n.swift" "sil/$n.sil" >/dev/null 2>"sil/$n.err" || echo "sil failed: $n" >&2
    fi
}
analyze_one() {
    n="$1"
    "$BIN" analyze --sil "sil/$n.sil" --format json > "$OUT/$n.json" 2> "$OUT/$n.err"
    echo $? > "$OUT/$n.rc"
}
export -f gen_one analyze_one; export MEASURE BIN OUT
echo "$progs" | xargs -P 2 -I{} bash -c 'gen_one {}'
echo "$progs" | xargs -P 2 -I{} bash -c 'analyze_one {}'

python3 - "$OUT" $progs <<'PY'
import json, sys, re, statistics
out, progs = sys.argv[1], sys.argv[2:]
rows = []
def maxes(path):
    m = {}
    try:
        for l in open(path):
            p = l.rstrip('\n').split('\t')
            if len(p) == 3 and p[1] == 'max':
                m[p[0]] = max(m.get(p[0], 0), int(p[2]))
    except FileNotFoundError: pass
    return m
for n in progs:
    full = maxes(f'measured/{n}.txt'); iso = maxes(f'measured/{n}.iso.txt'); st = maxes(f'measured/{n}.state.txt')
    meas = {k: max(full.get(k, -1), iso.get(k, -1), st.get(k, -1)) for k in set(full) | set(iso) | set(st)}
    rc = open(f'{out}/{n}.rc').read().strip()
    try:
        d = json.load(open(f'{out}/{n}.json')); ents = d['entries']
    except Exception:
        err = open(f'{out}/{n}.err').read().replace('\n', ' ')[:200]
        for k in sorted(meas): rows.append((n, k, meas[k], 'ERROR', '', f'analysis failed rc={rc}: {err}'))
        continue
    seen = set()
    for e in ents:
        if e.get('kind') not in (None, 'entry'): continue
        nm = e['name']; base = nm.split('(')[0]
        key = nm if nm in meas else base
        seen.add(key)
        m = meas.get(key)
        if e['status'] == 'bounded':
            b = e['bound']; bs = str(b)
            ratio = f'{b/m:.2f}' if m else ('inf' if b else '1.00')
        else:
            b = None; bs = 'UNBOUNDED'; ratio = ''
        r = e['reasons'][0] if e['reasons'] else None
        reason = '' if not r else (f"{r.get('message','')} [{r.get('kind','')} @{r.get('file') or ''}:{r.get('line') or ''}]")
        rows.append((n, base, m if m is not None else 'NOT_MEASURED', bs, ratio, reason.replace('\t', ' ')[:200]))
    for k in sorted(set(meas) - seen):
        rows.append((n, k, meas[k], 'MISSING', '', 'entry not in analysis output'))
print('program\tentry\tmeasured_peak\tbound\tratio\tfirst_reason')
for r in rows: print('\t'.join(str(x) for x in r))
fin = [r for r in rows if isinstance(r[2], int) and r[2] >= 0]
unb = [r for r in rows if r[3] == 'UNBOUNDED']
bnd = [r for r in rows if r[3] not in ('UNBOUNDED', 'ERROR', 'MISSING')]
uns = [r for r in bnd if isinstance(r[2], int) and int(r[3]) < r[2]]
print(f'# programs: {len(progs)}  entries: {len(rows)}')
print(f'# entries with finite measured peak: {len(fin)}')
print(f'# UNBOUNDED: {len(unb)} ({100*len(unb)/max(1,len(rows)):.1f}%)   bounded: {len(bnd)}   errors/missing: {len(rows)-len(unb)-len(bnd)}')
if uns:
    print(f'# !!!!!!!! UNSOUND (bound < measured peak): {len(uns)} !!!!!!!!')
    for r in uns: print(f'# !!! UNSOUND {r[0]}:{r[1]} measured {r[2]} > bound {r[3]}')
else:
    print('# UNSOUND (bound < measured peak): 0')
ratios = sorted(int(r[3]) / r[2] for r in bnd if isinstance(r[2], int) and r[2] > 0)
if ratios:
    p90 = ratios[min(len(ratios) - 1, int(0.9 * len(ratios) + 0.5) - 1)] if len(ratios) > 1 else ratios[0]
    print(f'# bound/peak over {len(ratios)} bounded entries with peak>0: median {statistics.median(ratios):.2f}  p90 {p90:.2f}  max {ratios[-1]:.2f}')
def norm(s):
    s = re.sub(r' \[[^\]]*\]$', '', s)
    s = re.sub(r'`[^`]*`', 'X', s)
    s = re.sub(r'\b(keys|values) are [^,]+,', r'\1 are T,', s)
    s = re.sub(r'passed to (?!it\b)[\w.$<>]+', 'passed to F', s); s = re.sub(r'class [\w.$<>]+', 'class C', s)
    s = re.sub(r'\d+', 'N', s)
    return s[:80]
cnt = {}
for r in unb: cnt[norm(r[5])] = cnt.get(norm(r[5]), 0) + 1
print('# top first-reasons of UNBOUNDED entries:')
for k, v in sorted(cnt.items(), key=lambda kv: -kv[1])[:15]: print(f'#  {v:4d}  {k}')
PY
