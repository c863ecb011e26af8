"""Draw the five dev6 articles (events round 7): one per outlet and topic, fixed seed."""
import gzip, json, random, re

rows = [json.loads(l) for l in gzip.open('../shared/data/news/ant-multisource-v2.1.jsonl.gz', 'rt')]
used = {  # docnos of eval/dev, dev2, dev3, dev4, dev5
    'AL-economy-808-20180612', 'AL-internationalNews-1768-20180625', 'BB-middleEast-922-20180830',
    'CN-middleEast-55-20180221', 'CN-middleEast-1002-20180522', 'FR-internationalNews-431-20180314',
    'SK-middleEast-3175-20180729', 'AL-internationalNews-1458-20180604', 'BB-internationalNews-238-20180328',
    'CN-middleEast-474-20180404', 'FR-middleEast-406-20180505', 'SK-economy-669-20180529',
    'AL-economy-568-20180513', 'BB-internationalNews-295-20180405', 'CN-middleEast-158-20180303',
    'FR-internationalNews-1085-20180504', 'SK-middleEast-571-20180326',
    'AL-internationalNews-496-20180316', 'BB-internationalNews-615-20180606', 'CN-economy-440-20181016',
    'FR-internationalNews-698-20180412', 'SK-middleEast-3052-20180722',
    'AL-internationalNews-985-20180501', 'BB-middleEast-1089-20181012', 'CN-middleEast-1341-20180910',
    'FR-internationalNews-2420-20180720', 'SK-economy-324-20180410'}
plan = [  # outlets rotated against dev5's topics
    ('alarabia', ('internationalNews',), r'قتلى|مقتل|قتل'),                              # conflict with casualties
    ('CNN', ('middleEast', 'internationalNews'), r'زيارة|محادثات|التقى'),        # diplomacy
    ('BBC', ('economy', 'internationalNews'), r'عقوبات|رسوم|اتفاق'),                                  # economy
    ('skynews', ('middleEast', 'internationalNews'), r'اتهم|هدد|رفض|طالب'),       # politics: accusations, demands
    ('france24', ('middleEast', 'internationalNews'), r'غارات|قصف|هجوم'),         # conflict
]
rng = random.Random(20261125)
out = {}
for src, cats, pat in plan:
    pool = [r for r in rows if r['source'] == src and r['category'] in cats and r['docno'] not in used
            and 150 <= len(r['text'].split()) <= 400 and len(re.findall(pat, r['text'])) >= 2]
    pool.sort(key=lambda r: r['docno'])
    picks = rng.sample(pool, 3)   # first pick is used unless it repeats a held-out topic (names checked with ls)
    print('==', src, len(pool))
    for r in picks:
        print('  ', r['docno'], r['time_raw'], len(r['text'].split()), r['title'])
    out[src] = picks
json.dump(out, open('/tmp/ev6/picked6.json', 'w'), ensure_ascii=False)
