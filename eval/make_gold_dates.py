"""Build tests/data/dates/gold_dates.jsonl: real date expressions with their expected values.

Run once by a developer (``python eval/make_gold_dates.py``); the output was reviewed by
hand and is what the evaluation reads. Labels come from rules written here, independent
of rasd's own rules, then every item was checked by eye:

- Al Jazeera ledes (base = the listing's publication date): "day N of the war" (day 1 is
  2023-10-07), ``أمس`` (+weekday), bare weekdays in past-tense ledes, written dates,
  "the past 24 hours", "last week/month/year". The texts are not shipped (the corpus has
  no licence): a line keeps file, id, field, the text's sha1 and the offsets.
- Wojood sample DATE spans (no base date): written absolute dates only (day, month or year
  in a date context); vague spans (``السنوات الماضية``), ranges and bare numbers are left out.
- The MediaCloud pages in tests/data/pages/mediacloud (base = the gold publication date).
- Issue 12 (``build_issue12``): the Al Jazeera ledes whose weekday clue (``اليوم الثلاثاء``,
  ``أمس الخميس``) disagrees with the listing date, labelled by the weekday (the convention
  rasd follows: docs/dates.md gives the measurement behind it); "hours ago" sentences of
  ANT articles with their TREC date as base (short excerpts, inline); and the issue's own
  examples (Levantine months written with a digit, two-digit years, hours ago), inline.
  These were added after rasd's rules for them were written: they check the kinds, they are
  not an unseen estimate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASD_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
OUT = ROOT / "tests" / "data" / "dates" / "gold_dates.jsonl"
AJ = SHARED / "corpora" / "aljazeera-gaza-ledes"
WAR = dt.date(2023, 10, 7)
MONTHS = {"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
          "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
          "ديسمبر": 12, "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
          "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
          "كانون الاول": 12, "كانون اول": 12, "تشرين الاول": 10, "ايار": 5, "اذار": 3, "ايلول": 9}
WEEKDAYS = {"الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الخميس": 4, "الجمعة": 5,
            "السبت": 6, "الأحد": 7}
MON = "|".join(sorted(MONTHS, key=len, reverse=True))
ORDINALS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
            "الثامن": 8, "التاسع": 9, "العاشر": 10}
ORD = "|".join(ORDINALS)
#: Read by eye: what the rules got wrong (a future "يغادر ... السبت", a 2023 event) or no date at all.
OVERRIDES = {("articles_data_4.json", 408, "السبت"): "2025-02-08",
             ("articles_data_4.json", 3107, "6 أكتوبر/تشرين الأول"): "2023-10-06"}
NOT_DATES = {"الجمعة العظيمة"}
WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
FUTURE = re.compile(r"سوف|المقبل|القادم|من المقرر|من المتوقع|غدا|غدًا|سي[^\s]{3,}|ست[^\s]{3,}")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def last_weekday(base: dt.date, wd: int) -> dt.date:
    return base - dt.timedelta(days=(base.isoweekday() - wd) % 7)


def aj_items() -> list[dict]:
    seen, items = set(), []
    for name in ("articles_data_2.json", "articles_data_3.json", "articles_data_4.json",
                 "articles_data_6.json", "live_blog_articles.json"):
        for it in json.loads((AJ / name).read_text(encoding="utf-8")):
            if it["link"] in seen:
                continue
            seen.add(it["link"])
            for field in ("title", "excerpt"):
                if it.get(field):
                    items.append({"file": name, "id": it["id"], "field": field, "text": it[field],
                                  "base": dt.date.fromisoformat(it["date"]), "link": it["link"]})
    return items


def aj_rules(text: str, base: dt.date):
    """(category, match, value, precision) for the date expressions the rules label."""
    for m in re.finditer(r"اليوم الـ ?(\d{1,4}) (?:من |لل)(?:ال)?(?:حرب|عدوان)", text):
        yield "war_day", m, (WAR + dt.timedelta(days=int(m.group(1)) - 1)).isoformat(), "day"
    for m in re.finditer(rf"(?<!\w)(?:مساء |صباح |فجر |ليل )?أمس(?: ({WD}))?(?!\w)", text):
        d = base - dt.timedelta(days=1)
        if m.group(1) and WEEKDAYS[m.group(1)] != d.isoweekday():
            continue  # the listing date lags the article: ambiguous, left out
        yield "yesterday", m, d.isoformat(), "day"
    for m in re.finditer(rf"(?<![\w])(?:و|يوم |مساء |صباح |فجر )?({WD})(?![\w])(?! \d)", text):
        pre = text[max(0, m.start() - 6):m.start()]
        if "أمس" in pre or "اليوم" in pre or FUTURE.search(text) or re.search(r"\d\s*$", pre):
            continue
        yield "weekday", m, last_weekday(base, WEEKDAYS[m.group(1)]).isoformat(), "day"
    yield from written_rules(text, base)
    yield from period_rules(text, base)


def written_rules(text: str, base: dt.date):
    pattern = rf"(?<!\d)(?:(\d{{1,2}})|({ORD}) من) ({MON})(?:\s*/\s*(?:{MON}))?(?: (\d{{4}}))?(?!\w)"
    for m in re.finditer(pattern, text):
        mon = MONTHS[m.group(3)]
        day = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2)]
        after, before = text[m.end():m.end() + 8], text[max(0, m.start() - 5):m.start()]
        if m.group(4):
            year = int(m.group(4))
        elif (mon, day) == (10, 7) and base >= WAR:
            year = 2023  # "7 October" in this corpus is the attack that began the war
        elif "الماضي" in after or "منذ" in before:
            year = base.year if (mon, day) <= (base.month, base.day) else base.year - 1
        else:
            year = base.year if mon <= base.month + 1 else base.year - 1
        yield "written_day", m, dt.date(year, mon, day).isoformat(), "day"
    for m in re.finditer(rf"(?<![\d/] )(?<![\d/])(?<!من )({MON})(?:\s*/\s*(?:{MON}))? (\d{{4}})(?!\w)", text):
        if re.search(rf"(?:\d|/|{MON})\s*$", text[max(0, m.start() - 16):m.start()]):
            continue
        yield "written_month", m, f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", "month"


def period_rules(text: str, base: dt.date):
    for m in re.finditer(r"خلال (?:الـ ?)?24 ساعة الماضية|خلال الساعات الـ ?24 الماضية", text):
        yield "hours24", m, base.isoformat(), "day"
    for m in re.finditer(r"(?:الشهر|العام) (?:الماضي|الجاري)", text):
        if m.group().startswith("الشهر"):
            y, mo = (base.year, base.month - 1) if "الماضي" in m.group() else (base.year, base.month)
            if mo == 0:
                y, mo = y - 1, 12
            yield "period", m, f"{y:04d}-{mo:02d}", "month"
        else:
            yield "period", m, f"{base.year - ('الماضي' in m.group()):04d}", "year"


QUOTA = {"war_day": 30, "yesterday": 18, "weekday": 22, "written_day": 22, "written_month": 12,
         "hours24": 8, "period": 10}


def build_aj() -> list[dict]:
    got: dict[str, list[dict]] = {k: [] for k in QUOTA}
    items = aj_items()
    step = 7  # spread the sample over the whole corpus
    for i in list(range(0, len(items), step)) + [j for j in range(len(items)) if j % step]:
        it = items[i]
        for cat, m, value, prec in aj_rules(it["text"], it["base"]):
            if any(n in it["text"][m.start():m.end() + 10] for n in NOT_DATES) or \
                    it["text"][:m.start()].endswith("النصف "):
                continue
            value = OVERRIDES.get((it["file"], it["id"], m.group()), value)  # noqa: PLW2901 (a correction)
            if len(got[cat]) < QUOTA[cat] and all(g["id"] != it["id"] for g in got[cat]):
                got[cat].append({"corpus": "aljazeera-gaza-ledes", "file": it["file"], "id": it["id"],
                                 "field": it["field"], "sha1": sha1(it["text"]), "start": m.start(),
                                 "end": m.end(), "expr": m.group(), "base": it["base"].isoformat(),
                                 "value": value, "precision": prec, "category": cat})
        if all(len(v) >= QUOTA[k] for k, v in got.items()):
            break
    return [x for v in got.values() for x in v]


def wojood_sentences(split: str):
    toks: list[tuple[str, list[str]]] = []
    for line in (SHARED / "ner" / "wojood-sample" / f"{split}.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if toks:
                yield toks
            toks = []
        elif parts[0] != "$#$":
            toks.append((parts[0], parts[1:]))
    if toks:
        yield toks


def wojood_label(expr: str, before: str):
    e = " ".join(expr.replace("(", " ").replace(")", " ").split())
    m = re.fullmatch(rf"(?:بتاريخ|يوم)?\s*:?\s*(?:(?:{MON}) )?(\d{{1,2}}) / (\d{{1,2}}) / (\d{{4}})", e)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if mo > 12 and d <= 12:
            d, mo = mo, d
        return dt.date(y, mo, d).isoformat(), "day"
    m = re.fullmatch(rf"(?:يوم )?(?:(?:{WD}) )?(\d{{1,2}}) ({MON})(?: / (?:{MON}))? (\d{{4}})", e)
    if m:
        return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))).isoformat(), "day"
    m = re.fullmatch(rf"(?:منذ )?({MON})(?: / (?:{MON}))? /? ?(\d{{4}})", e)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", "month"
    m = re.fullmatch(r"(?:عام|العام|سنة|لسنة|خلال) (\d{4})(?: م| ميلادي)?", e)
    if m:
        return m.group(1), "year"
    m = re.fullmatch(r"(\d{4})", e)
    if m and before in ("عام", "العام", "سنة", "في", "منذ"):
        return m.group(1), "year"
    return None


def build_wojood(limit: int = 70) -> list[dict]:
    out = []
    for split in ("test", "val", "train"):
        for n, sent in enumerate(wojood_sentences(split)):
            text, offsets = "", []
            for tok, _ in sent:
                offsets.append(len(text) + (1 if text else 0))
                text += (" " if text else "") + tok
            i = 0
            while i < len(sent):
                if "B-DATE" in sent[i][1]:
                    j = i + 1
                    while j < len(sent) and "I-DATE" in sent[j][1]:
                        j += 1
                    start, end = offsets[i], offsets[j - 1] + len(sent[j - 1][0])
                    before = sent[i - 1][0] if i else ""
                    label = wojood_label(text[start:end], before)
                    if label and len(out) < limit and (len(out) % 3 or True):
                        out.append({"corpus": "wojood-sample", "file": f"{split}.txt", "id": n,
                                    "text": text, "start": start, "end": end, "expr": text[start:end],
                                    "base": None, "value": label[0], "precision": label[1],
                                    "category": "wojood_" + label[1]})
                    i = j
                else:
                    i += 1
    return out


CLUE = re.compile(rf"(?<!\w)(اليوم|أمس) ({WD})(?!\w)")


def weekday_conflicts() -> list[dict]:
    """Ledes whose ``اليوم/أمس + weekday`` disagrees with the listing date: the value is
    the day with that weekday nearest the day word's date (the weekday is trusted)."""
    fresh2 = ROOT / "tests" / "data" / "numbers" / "fresh2_items.jsonl"
    lines = fresh2.read_text(encoding="utf-8").splitlines()
    sealed = {json.loads(line).get("link") for line in lines if line}
    out = []
    for it in aj_items():
        if it["link"] in sealed:
            continue  # the numbers fresh2 set: no rule or label is drawn from its texts
        for m in CLUE.finditer(it["text"]):
            said = it["base"] + dt.timedelta(days=0 if m.group(1) == "اليوم" else -1)
            wd = WEEKDAYS[m.group(2)]
            if said.isoweekday() == wd:
                continue
            back, fwd = (said.isoweekday() - wd) % 7, (wd - said.isoweekday()) % 7
            value = said - dt.timedelta(days=back) if back <= fwd else said + dt.timedelta(days=fwd)
            out.append({"corpus": "aljazeera-gaza-ledes", "file": it["file"], "id": it["id"],
                        "field": it["field"], "sha1": sha1(it["text"]), "start": m.start(), "end": m.end(),
                        "expr": m.group(), "base": it["base"].isoformat(), "value": value.isoformat(),
                        "precision": "day", "category": "weekday_conflict"})
    return out


#: (text, expression, base, value, category, where from). ANT excerpts keep their DOCNO.
ISSUE12_INLINE = [
    ("كوريا الشمالية تلغي لقاء مع بنس.. قبل ساعتين", "قبل ساعتين", "2018-02-21", "2018-02-21",
     "hours_ago", "ANT AL-internationalNews-138-20180221 (title)"),
    ("وقال رجل إطفاء: تلقينا اتصالا منذ ساعة بعد أنباء عن وقوع انفجار كبير", "منذ ساعة", "2018-02-26",
     "2018-02-26", "hours_ago", "ANT AL-internationalNews-216-20180226"),
    ("وقع قبل ٥ ساعات", "قبل ٥ ساعات", "2025-03-20", "2025-03-20", "hours_ago", "issue 12"),
    ("في 18 كانون 2 2025", "18 كانون 2 2025", None, "2025-01-18", "levantine_digit", "issue 12"),
    ("في 20 تشرين 1 2024", "20 تشرين 1 2024", None, "2024-10-20", "levantine_digit", "issue 12"),
    ("وقع الحادث في 12/3/25", "12/3/25", "2025-03-20", "2025-03-12", "two_digit_year", "issue 12"),
    ("وقع الحادث في ١٢/٣/٢٥", "١٢/٣/٢٥", "2025-03-20", "2025-03-12", "two_digit_year", "issue 12"),
]


def build_issue12() -> list[dict]:
    out = weekday_conflicts()
    for text, expr, base, value, category, origin in ISSUE12_INLINE:
        start = text.index(expr)
        out.append({"corpus": "issue12", "file": origin, "id": len(out), "text": text, "start": start,
                    "end": start + len(expr), "expr": expr, "base": base, "value": value,
                    "precision": "day", "category": category})
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}")
        return 0
    items = build_aj() + build_wojood() + json.loads(
        (ROOT / "tests" / "data" / "dates" / "gold_mediacloud.json").read_text(encoding="utf-8")) \
        + build_issue12()
    with OUT.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} items to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
