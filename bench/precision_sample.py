"""The deterministic samples of bench/precision-audit.md: per rule, K findings of the eight big
rules and k of the others (all when fewer), drawn with random.Random(SEED + rule name).

    newslint check --no-cache --format json --exit-zero ../shared/corpus > before.json
    python3 bench/precision_sample.py before.json sample.json                  # round 1 (15/5)
    python3 bench/precision_sample.py before.json sample.json --seed precision2: \
        --big 18 --small 6 --exclude bench/precision-audit.md                  # round 2
    python3 bench/precision_sample.py before.json sample.json --seed 606: --big 15 --small 6 \
        --also-big missing-space-after-punctuation                             # round 6

--exclude leaves out every finding (rule, path, line) an earlier round's verdict table lists, so
a new round reads findings nobody has judged yet.
"""
import argparse, collections, json, random, re

p = argparse.ArgumentParser()
p.add_argument('report'); p.add_argument('out')
p.add_argument('--seed', default='precision:')
p.add_argument('--big', type=int, default=15); p.add_argument('--small', type=int, default=5)
p.add_argument('--exclude', help='an audit markdown file whose verdict rows are left out')
p.add_argument('--also-big', default='', help='comma-separated rule names sampled as big too')
a = p.parse_args()
BIG = {'wrong-apostrophe','repeated-space','hyphen-as-dash','straight-quotes','empty-value','unclosed-quote','dash-spacing','unused-link-definition'}
BIG |= {n for n in a.also_big.split(',') if n}
seen = set()
if a.exclude:
    row = re.compile(r'^\| ([a-z-]+) \| `([^`:]+):(\d+)` \| (?:TP|FP)', re.M)
    seen = {(m[1], m[2], int(m[3])) for m in row.finditer(open(a.exclude, encoding='utf-8').read())}
SITES = {'18F__18f.gsa.gov/content/posts/': '18f/', 'GSA__digitalgov.gov/content/news/': 'digitalgov/',
         'bitcoinops__bitcoinops.github.io/_posts/en/': 'bitcoinops/'}
def short(path):
    """The corpus path as the audit tables write it (18f/…, digitalgov/…, bitcoinops/…)."""
    path = path.split('/corpus/', 1)[-1]
    for long, abbr in SITES.items():
        if path.startswith(long):
            return abbr + path[len(long):]
    return path
d = json.load(open(a.report))
by = collections.defaultdict(list)
for x in d:
    path = short(x['path'])
    if (x['name'], path, x['line']) not in seen:
        by[x['name']].append(x)
out = []
for name in sorted(by):
    L = sorted(by[name], key=lambda x:(x['path'],x['line'],x['column']))
    k = a.big if name in BIG else a.small
    rnd = random.Random(a.seed+name)
    s = L if len(L) <= k else rnd.sample(L, k)
    s.sort(key=lambda x:(x['path'],x['line'],x['column']))
    out += s
json.dump(out, open(a.out,'w'), indent=0)
print(len(out), 'sampled;', len(seen), 'earlier verdicts excluded')
