import gzip, json, random, re
rows = [json.loads(l) for l in gzip.open('../shared/data/news/ant-multisource-v2.1.jsonl.gz', 'rt')]
used = {'AL-economy-808-20180612','AL-internationalNews-1768-20180625','BB-middleEast-922-20180830','CN-middleEast-55-20180221','CN-middleEast-1002-20180522','FR-internationalNews-431-20180314','SK-middleEast-3175-20180729',
        'FR-middleEast-406-20180505','BB-internationalNews-238-20180328','SK-economy-669-20180529','AL-internationalNews-1458-20180604','CN-middleEast-474-20180404'}
plan = [
 ('BBC', ('middleEast','internationalNews'), r'قتلى|مقتل'),
 ('CNN', ('middleEast','internationalNews'), r'زيارة|محادثات|التقى'),
 ('skynews', ('middleEast',), r'اتهم|هدد|تظاهر|احتجاج'),
 ('alarabia', ('economy',), r'عقوبات|رسوم'),
 ('france24', ('internationalNews',), r'هدد|اتفاق|زيارة'),
]
rng = random.Random(20261125)
out = {}
for src, cats, pat in plan:
    pool = [r for r in rows if r['source']==src and r['category'] in cats and r['docno'] not in used
            and 600 <= len(r['text']) <= 1300 and len(re.findall(pat, r['text'])) >= 2]
    pool.sort(key=lambda r: r['docno'])
    r = rng.choice(pool)
    out[r['docno']] = r
    print('==', src, len(pool), r['docno'], r['time_raw'], r['title'])
json.dump(out, open('/tmp/ev/picked3.json', 'w'), ensure_ascii=False)
