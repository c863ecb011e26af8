"""Draw the dev7 articles (events round 8): one per outlet and topic, fixed seed."""
import glob, gzip, json, random, re

rows = [json.loads(l) for l in gzip.open('../shared/data/news/ant-multisource-v2.1.jsonl.gz', 'rt')]
used = {json.load(open(f)).get('docno') for f in glob.glob('eval/dev*/*.gold.json')}  # dev … dev6
# days named by held-out file names (ls eval/gold eval/unseen2; files not opened)
held_days = {'20180716', '20181013', '20180328', '20180714', '20181003',
             '20180715', '20180713', '20180122', '20180324', '20180811'}
plan = [  # outlets rotated against dev6's topics
    ('skynews', ('middleEast', 'internationalNews'), r'قتلى|مقتل|قتل'),          # conflict with casualties
    ('france24', ('middleEast', 'internationalNews'), r'زيارة|محادثات|التقى'),    # diplomacy
    ('alarabia', ('economy',), r'عقوبات|رسوم|اتفاق'),                             # economy
    ('BBC', ('middleEast', 'internationalNews'), r'اتهم|هدد|رفض|طالب'),           # politics
    ('CNN', ('middleEast', 'internationalNews'), r'غارات|قصف|هجوم'),              # conflict
]
rng = random.Random(20261126)
out = {}
for src, cats, pat in plan:
    pool = [r for r in rows if r['source'] == src and r['category'] in cats and r['docno'] not in used
            and r['docno'].rsplit('-', 1)[-1] not in held_days
            and 150 <= len(r['text'].split()) <= 400 and len(re.findall(pat, r['text'])) >= 2]
    pool.sort(key=lambda r: r['docno'])
    picks = rng.sample(pool, 3)   # first pick is used unless it repeats a dev or held-out topic
    print('==', src, len(pool))
    for r in picks:
        print('  ', r['docno'], r['time_raw'], len(r['text'].split()), r['title'])
    out[src] = picks
json.dump(out, open('/tmp/ev7/picked7.json', 'w'), ensure_ascii=False)
