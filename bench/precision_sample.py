"""The deterministic sample of bench/precision-audit.md: per rule, 15 findings of the eight big
rules and 5 of the others (all when fewer), drawn with random.Random("precision:" + rule name).

    newslint check --format json --exit-zero ../shared/corpus > before.json
    python3 bench/precision_sample.py before.json sample.json
"""
import json, random, collections, sys
d = json.load(open(sys.argv[1]))
BIG = {'wrong-apostrophe','repeated-space','hyphen-as-dash','straight-quotes','empty-value','unclosed-quote','dash-spacing','unused-link-definition'}
by = collections.defaultdict(list)
for x in d: by[x['name']].append(x)
out = []
for name in sorted(by):
    L = sorted(by[name], key=lambda x:(x['path'],x['line'],x['column']))
    k = 15 if name in BIG else 5
    rnd = random.Random('precision:'+name)
    s = L if len(L) <= k else rnd.sample(L, k)
    s.sort(key=lambda x:(x['path'],x['line'],x['column']))
    out += s
json.dump(out, open(sys.argv[2],'w'), indent=0)
print(len(out))
