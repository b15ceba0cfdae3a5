# Regional WAPE of the generated chain's test launches under two splits of a footprint-blind total (ADR 0170).
# Usage: python3 regional_split.py <project folder written by generate.py>
import csv, glob, collections, datetime as dt, statistics, sys
DATA = sys.argv[1] if len(sys.argv) > 1 else '.'
sales=collections.defaultdict(lambda: collections.defaultdict(lambda: collections.defaultdict(int)))  # item -> month -> shop -> units
first={}
for f in sorted(glob.glob(DATA + '/sales-*.csv')):
    for r in csv.DictReader(open(f,encoding='utf-8')):
        m=int(r['date_block_num']); i=r['item_id']; u=int(r['item_cnt_day'])
        sales[i][m][r['shop_id']]+=u
        if u>0: first[i]=min(first.get(i,99),m)
H=6; cut=24  # 2015-01 = month 24; fit: launches whose horizon ended by cut; test: launched >= cut and complete by 33
fit=[i for i,m in first.items() if m>=1 and m+H<=cut]
test=[i for i,m in first.items() if m>=cut and m+H<=34]
shop_units=collections.Counter(); cov=[]
for i in fit:
    for m in range(first[i],first[i]+H):
        for s,u in sales[i][m].items(): shop_units[s]+=u
tot=sum(v for v in shop_units.values() if v>0); share={s:v/tot for s,v in shop_units.items() if v>0}
for i in fit:
    R={s for m in range(first[i],first[i]+H) for s,u in sales[i][m].items() if u>0}
    if R: cov.append(sum(share.get(s,0) for s in R))
C=statistics.mean(cov)
totals=[sum(u for m in range(first[i],first[i]+H) for u in sales[i][m].values()) for i in fit]
med=statistics.median(totals); mean=statistics.mean(totals)
print(f"fit {len(fit)} test {len(test)} shops {len(share)} mean footprint {C:.3f}")
for name,T in (("median total",med),("mean total",mean),("oracle total",None)):
    errA=errB=act=0
    for i in test:
        R={s for m in range(first[i],first[i]+H) for s,u in sales[i][m].items() if u>0}
        if not R: continue
        t = T if T is not None else sum(u for m in range(first[i],first[i]+H) for u in sales[i][m].values())
        sR=sum(share.get(s,0) for s in R)
        for s in R:
            a=sum(sales[i][m].get(s,0) for m in range(first[i],first[i]+H))
            fa=t*share.get(s,0)/sR if sR>0 else t/len(R)
            fb=t*share.get(s,0)/C
            errA+=abs(a-fa); errB+=abs(a-fb); act+=a
    print(f"{name}: regional WAPE current {100*errA/act:.1f}  footprint {100*errB/act:.1f}")
