import gzip, json, random, re
rows = [json.loads(l) for l in gzip.open('../shared/data/news/ant-multisource-v2.1.jsonl.gz', 'rt')]
used = {'AL-economy-808-20180612','AL-internationalNews-1768-20180625','BB-middleEast-922-20180830','CN-middleEast-55-20180221','CN-middleEast-1002-20180522','FR-internationalNews-431-20180314','SK-middleEast-3175-20180729'}
plan = [
 ('france24', ('middleEast','internationalNews'), r'قتلى|مقتل'),          # conflict with casualty counts
 ('BBC', ('middleEast','internationalNews'), r'زيارة|محادثات|التقى'),     # diplomacy
 ('skynews', ('economy',), r'عقوبات'),                                     # economy / sanctions
 ('alarabia', ('internationalNews',), r'متظاهر|احتجاج|مظاهرات'),         # protests
 ('CNN', ('middleEast','internationalNews'), r'اتهم|هدد|تعهد'),           # accusations / threats
]
rng = random.Random(20261124)
for src, cats, pat in plan:
    pool = [r for r in rows if r['source']==src and r['category'] in cats and r['docno'] not in used
            and 700 <= len(r['text']) <= 1600 and len(re.findall(pat, r['text'])) >= 2]
    pool.sort(key=lambda r: r['docno'])
    picks = rng.sample(pool, 3)
    print('==', src, len(pool))
    for r in picks: print(r['docno'], r['time_raw'], r['title'])
