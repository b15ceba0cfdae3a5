# Generates a shop-exports data project shaped like a games/media retailer's raw exports:
# item master, category table, shop table, daily per-shop sales files (one per month), Cyrillic names.
import numpy as np, datetime as dt, os, csv
rng = np.random.default_rng(7)
import sys
out = sys.argv[1] if len(sys.argv) > 1 else "."
groups = ["Игры", "Кино", "Музыка", "Книги", "Подарки", "Программы", "Аксессуары"]
platforms = ["PS3", "PS4", "XBOX 360", "XBOX ONE", "PC", "CD", "DVD", "Blu-Ray", "Цифра", ""]
cats = []
for g in groups:
    for p in rng.choice(platforms, size=rng.integers(3, 8), replace=False):
        cats.append((f"{g} - {p} ({p.split()[0]})" if p else f"{g} - Прочее", g, p))
with open(f"{out}/item_categories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["item_category_name", "item_category_id"])
    for i, c in enumerate(cats): w.writerow([c[0], i])
nshops = 45
shop_w = rng.lognormal(0, 0.8, nshops)
with open(f"{out}/shops.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["shop_name", "shop_id"])
    for s in range(nshops): w.writerow([f"Магазин {s}", s])
cat_level = rng.lognormal(1.5, 0.9, len(cats))
cat_price = rng.lognormal(6.0, 0.8, len(cats))
words = [f"w{i}" for i in range(600)]
word_boost = rng.lognormal(0, 0.6, len(words))
franchises = ["FIFA", "Call of Duty", "Assassin's Creed", "Star Wars", "Битва", "Гарри Поттер", "LEGO", "Need for Speed"]
fr_boost = rng.lognormal(1.0, 0.5, len(franchises))
start = dt.date(2013, 1, 1); months = 34
nitems = 9000
items = []
for i in range(nitems):
    c = rng.integers(len(cats))
    launch_m = rng.integers(-6, months)  # negative: older than the data
    ws = rng.choice(len(words), size=rng.integers(1, 5), replace=False)
    fr = rng.integers(len(franchises)) if rng.random() < 0.15 else -1
    name = (franchises[fr] + " " if fr >= 0 else "") + " ".join(words[k] for k in ws)
    if rng.random() < 0.3: name += " [русская версия]"
    level = cat_level[c] * np.prod(word_boost[ws]) ** 0.5 * (fr_boost[fr] if fr >= 0 else 1) * rng.lognormal(0, 1.0)
    price = cat_price[c] * rng.lognormal(0, 0.3)
    decay = rng.uniform(0.3, 0.9)
    nsh = rng.integers(3, nshops)
    shops = rng.choice(nshops, size=nsh, replace=False, p=shop_w / shop_w.sum())
    items.append((i, name, c, launch_m, level, price, decay, shops))
with open(f"{out}/items.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["item_name", "item_id", "item_category_id"])
    for it in items: w.writerow([it[1], it[0], it[2]])
rows = {m: [] for m in range(months)}
def month_start(m):
    y, mm = divmod(m, 12); return dt.date(2013 + y, mm + 1, 1)
trend = lambda m: 1.0 - 0.012 * m + 0.25 * (m % 12 == 11)
for (i, name, c, lm, level, price, decay, shops) in items:
    for m in range(max(lm, 0), min(lm + 18, months)):
        age = m - lm
        mu = level * (decay ** age) * (1.4 if age == 0 else 1.0) * trend(m)
        total = rng.poisson(mu * rng.gamma(2.0, 0.5))
        if total == 0: continue
        sw = shop_w[shops] / shop_w[shops].sum()
        per_shop = rng.multinomial(total, sw)
        ms = month_start(m); nd = (month_start(m + 1) - ms).days if m + 1 < months + 1 else 30
        for s, u in zip(shops, per_shop):
            if u == 0: continue
            days = rng.integers(0, nd, size=u)
            d, cnt = np.unique(days, return_counts=True)
            p = round(price * rng.choice([1.0, 1.0, 0.9, 0.8]), 2)
            for dd, cc in zip(d, cnt):
                rows[m].append(((ms + dt.timedelta(int(dd))).strftime("%d.%m.%Y"), m, s, i, p, int(cc)))
        if rng.random() < 0.02:  # a return
            rows[m].append((ms.strftime("%d.%m.%Y"), m, shops[0], i, round(price, 2), -1))
for m in range(months):
    ms = month_start(m)
    with open(f"{out}/sales-{ms:%Y-%m}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["date", "date_block_num", "shop_id", "item_id", "item_price", "item_cnt_day"])
        rows[m].sort()
        for r in rows[m]: w.writerow(r)
print(sum(len(v) for v in rows.values()), "rows")
