"""The date patterns: what a date expression looks like, and where to look for one.

Each pattern is a named alternative of one regular expression; its inner
groups get readable names in GROUP_NAMES. Matching is tried only at word
starts shortly before an anchor (a digit, a month, a time word).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

MONTH_WORDS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
               "Sep", "Oct", "Nov", "Dec"]
MONTH = "(?:" + "|".join(
    f"{m}|{m.upper()}" if len(m) > 4 or m in ("May", "June", "July") else rf"{m}\b\.?|{m.upper()}\b\.?" for m in MONTH_WORDS
) + r")(?![a-z])"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?<![\d,.])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
S = r"[ \u00a0]*(?:\n[ \u00a0]*)?"   # optional gap, at most one line break (one way to split it: no backtracking)
G = r"(?:[ \u00a0]+(?:\n[ \u00a0]*)?|\n[ \u00a0]*)"  # required gap
DASH = rf"{S}(?:-|–|—|/|to|until|till|through|thru){S}"
NUMWORD = r"(?:(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,2})"
# "FY2025", "FY25", "FY 2023/24", "fiscal year 2025", "Fiscal 2025", "financial year 2023-24"
FY = (rf"(?:FY{S}?(?:{YEAR}|\d\d)(?:/\d\d)?|(?:(?:[Ff]iscal|[Ff]inancial|FISCAL|FINANCIAL){G}(?:[Yy]ear|YEAR){G}|[Ff]iscal{G})"
      rf"{YEAR}(?:[-/]\d\d(?!\d))?)")
FISCAL_WORDS = rf"(?:[Ff]iscal|[Ff]inancial|FISCAL|FINANCIAL){G}(?:[Yy]ear|YEAR)"
THE = rf"(?:[Tt]he{G})?"
# one calendar day, with or without its year: "1 November 2022", "March 3", "3rd of May"
POINT = rf"(?:{DAY}{G}(?:of{G})?{MONTH}|{MONTH}{G}{DAY}(?!\d)),?(?:{G}{YEAR})?"
TO = rf"(?:{G}(?:to|until|till|through|thru){G}|{S}[-–—]{S})"
SINCE = rf"(?:[Ss]ince|SINCE){G}"
IRANIAN = rf"(?:Iranian|Persian|[Ss]olar{G}Hijri)(?:{G}(?:calendar|solar|fiscal))?{G}year"
# 2015–2017, 2013-15, and the slash only for consecutive years (2022/23): "E/2025/28" and resolution 1991/39 are symbols
YEAR_SPAN = rf"({YEAR}){S}(?:[-–—]{S}({YEAR}|\d\d)|/((?:19|20)?\d\d))"

PATTERNS: list[tuple[str, str]] = [
    ("fy_until", rf"{FY}(?:{G}(?:to|through|until|till|thru)(?:{G}|{S}-{S})(?:{DAY}{G}{MONTH},?{G}{YEAR}|{MONTH},?{G}{YEAR}|{MONTH}))"),
    ("fiscal_quarter", rf"Q([1-4]){G}{FY}"),
    ("financial_year_span", rf"{THE}({YEAR})[-–/](\d\d){G}(?:financial|fiscal){G}year"),
    ("fiscal_label", rf"{THE}({YEAR}){G}{FISCAL_WORDS}"),
    ("fiscal", FY),
    ("iranian_year", (rf"{THE}{IRANIAN}{G}(?:(1[34]\d\d)\b|(?:(?:that|which){G})?(ended|ending|ends|to|through|began|beginning|"
                      rf"begins|starting|started)(?:{G}(?:in|on))?{G}(?:{DAY}{G})?({MONTH})(?:{G}{DAY})?,?{G}({YEAR}))")),
    ("previous_fy", rf"{THE}(?:previous|last|preceding){G}(?:financial|fiscal){G}year"),
    # "1 Oct 2022-31 Jan 2023", "1-5 March 2023", "(between) 1 November 2022 and 1 November 2023"
    ("between_days", rf"(?<=(?i:between)[ \n\u00a0])(?:{POINT}|{DAY}){G}and{G}{POINT}"),
    ("day_range", rf"{DAY}(?:{G}{MONTH},?(?:{G}{YEAR})?)?{DASH}{DAY}{G}{MONTH},?(?:{G}{YEAR})?"),
    # "on 4 and 5 December 2025", "9, 10 and 11 December 2024": days of one month, the span from first to last
    ("day_list", rf"{DAY}(?:,{G}{DAY})*,?{G}and{G}{DAY}{G}{MONTH}(?:,?{G}{YEAR})?"),
    ("day_range_us", rf"{MONTH}{G}{DAY}{S}[-–]{S}{DAY},?{G}{YEAR}"),
    # "July 1, 2023 - June 30, 2024", "July 1 to September 30, 2024": month-first days at both ends
    ("month_day_range", rf"{MONTH}{G}{DAY}(?!\d)(?:,?{G}{YEAR})?{TO}{MONTH}{G}{DAY}(?!\d),?{G}{YEAR}"),
    ("full", rf"(?:{WEEKDAY},?{G})?(?:{DAY}{G}(?:of{G})?{MONTH},?{G}{YEAR}|{MONTH}{G}{DAY},?{G}{YEAR})"),
    ("iso", rf"{YEAR}-(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01])"),
    ("numeric", r"(?:[0-2]?\d|3[01])[./](?:[0-2]?\d|3[01])[./](?:19|20)\d\d"),
    # "(between) January and September", "(from) January to September": a range only after its cue word,
    # which stays outside the span as it does for "January and June 2024" (and for days above)
    ("month_span", (rf"(?:(?<=(?i:between)[ \n\u00a0]){MONTH}(?:,?{G}{YEAR})?{G}and{G}|(?<=(?i:from)[ \n\u00a0]){MONTH}(?:,?{G}{YEAR})?{TO})"
                    rf"{MONTH}(?:,?{G}{YEAR})?(?![ \u00a0]*\d)")),
    ("month_range", rf"{MONTH}(?:{G}{YEAR})?(?:{DASH}|{G}and{G}){MONTH},?{G}{YEAR}"),
    ("month_year", rf"{MONTH},?{G}{YEAR}"),
    ("half", rf"{THE}(first|second|1st|2nd){G}half{G}of{G}(?:({YEAR})|(?:(this|last|that|the{G}same|the{G}previous|the{G}current|the){G}year))"),
    ("half_code", rf"(?:H([12]){S}({YEAR})|([12])H{S}?(\d\d|{YEAR})|({YEAR}){S}H([12]))"),
    ("quarter", rf"{THE}(first|second|third|fourth|final|last|1st|2nd|3rd|4th){G}quarter{G}of{G}(?:({YEAR})|(this|last|that|the{G}same|the{G}previous|the{G}current|the){G}year)"),
    ("quarter_code", rf"(?:Q([1-4]){S}[-/]?{S}({YEAR}|\d\d)|([1-4])Q{S}?(\d\d|{YEAR}))"),
    ("first_months", rf"{THE}(?:first|initial|opening){G}({NUMWORD}){G}months{G}of{G}(?:({YEAR})|(this|last|that|the{G}same|the{G}previous|the{G}current|the){G}year)"),
    ("whole_year", rf"{THE}(?:whole|entire|course|rest){G}of{G}({YEAR})"),
    ("part_month", rf"((?i:early|mid|late))(?:-|{G}){S}({MONTH})(?:,?{G}({YEAR}))?(?![ \u00a0]*\d)"),
    ("part_year", rf"(?:((?i:early|mid|late))[- ]?{S}|{THE}(?:(end|beginning|start|middle){G}of){G})({YEAR})"),
    ("part_relative_year", rf"((?i:early|mid|late))[- ]?{S}(?:in{G})?(this|last|next){G}year"),
    ("months_to", rf"{THE}(?:(year|twelve{G}months|12{G}months)|({NUMWORD}){G}months){G}(?:to|ending|ended|through|up{G}to){G}({MONTH})(?:,?{G}({YEAR}))?"),
    ("part_this_year", rf"{THE}(end|beginning|start){G}of{G}the{G}year"),
    ("season", rf"(spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Fall|Winter){G}(?:of{G})?({YEAR})"),
    ("season_relative", rf"(?:((?i:this|last|next))|(?i:the){G}(past|previous|coming)){G}(spring|summer|autumn|fall|winter)\b"),
    ("decade", rf"{THE}(?:(early|mid|late)[- ]?{S})?((?:1[89]|20)\d0)'?s\b"),
    ("since", rf"(?:[Ss]ince|SINCE){G}(?:the{G}(?:start|beginning){G}of{G})?(?:({MONTH}){G})?({YEAR})"),
    ("since_day", rf"{SINCE}{POINT}"),
    ("since_part", rf"{SINCE}(?:((?i:early|mid|late))[- ]?{S}|the{G}(end|beginning|start|middle){G}of{G})({YEAR})"),
    ("since_month", rf"{SINCE}({MONTH})(?![\w\-])"),
    ("since_decade", rf"(?:[Ss]ince|SINCE){G}the{G}(?:(early|mid|late)[- ]?{S})?((?:1[89]|20)\d0)'?s\b"),
    ("until", rf"(?:[Uu]ntil|[Uu]p{G}to|[Tt]ill|[Bb]efore){G}({YEAR})"),
    ("between_years", rf"(?:[Bb]etween|BETWEEN){G}({YEAR}){G}and{G}({YEAR})"),
    ("from_years", rf"(?:[Ff]rom){G}({YEAR}){G}(?:to|until|till|through){G}({YEAR})"),
    ("year_span", rf"(?<![\w/]){YEAR_SPAN}(?![\d%/])"),
    ("day_month", rf"(?:{WEEKDAY},?{G})?(?:{DAY}{G}(?:of{G})?{MONTH}|{MONTH}{G}{DAY})(?!\d|{S}{YEAR})"),
    ("so_far_this_fiscal", r"(?:[Ss]o far (?:this|in the current) (?:fiscal|financial) year|(?:[Ff]iscal|[Ff]inancial) year[- ]to[- ]date|"
                           r"[Tt]his (?:fiscal|financial) year)"),
    ("so_far_this_year", r"(?:[Ss]o far this year|[Ss]ince the (?:beginning|start) of the year|[Ff]rom the (?:beginning|start) of the year|[Yy]ear[- ]to[- ]date)"),
    ("earlier_this", rf"(?:[Ee]arlier|[Ll]ater){G}(?:this|that){G}(year|month|week)"),
    ("previous_period", rf"[Tt]he{G}(?:previous|preceding|prior){G}(?:({NUMWORD})[- ]month{G})?period"),
    ("before_last", rf"[Tt]he{G}(year|month){G}before{G}last\b"),
    ("adjacent", (rf"[Tt]he{G}(?:(previous|preceding|prior|following|next|subsequent){G}(year|month|quarter|week)|"
                  rf"(year|month|quarter|week){G}(before|after|earlier|later))\b")),
    ("relative_unit", rf"(?:[Ll]ast|[Tt]his|[Nn]ext|[Tt]he{G}(?:past|current)){G}(year|month|week|quarter)"),
    ("last_month_name", rf"(?:[Ll]ast|[Tt]his|[Nn]ext){G}({MONTH})"),
    ("ago", rf"(?:[Aa]|[Oo]ne|{NUMWORD}){G}(year|month|week|day|decade)s?{G}(ago|earlier|later|before)"),
    ("same_period", (rf"(?:over{G}|in{G}|during{G})?[Tt]he{G}same{G}(?:(?:period|months?|quarter|half)(?:{G}of{G}time)?|time)"
                     rf"(?:{G}(?:in|of){G}({YEAR})|{G}(last{G}year|a{G}year{G}ago)|{G}((?:a|one){G}year{G}(?:earlier|before)|"
                     rf"(?:(?:of|in){G})?the{G}(?:previous|preceding|prior){G}year|the{G}year{G}before))?(?<!time)")),
    ("past_n", rf"(?:[Oo]ver|[Ii]n|[Dd]uring|[Ff]or)?{S}[Tt]he{G}(?:past|last|previous){G}(?:({NUMWORD}|few|several|24|48|72){G}(years|months|decades|weeks|days|hours)|(decade|fortnight))\b"),
    ("that_unit", r"(?:(?:[Oo]ver|[Ii]n|[Dd]uring|[Oo]n)\s+)?(?:[Tt]hat|[Tt]he\s+same)\s+(year|month|quarter|week|day)\b"),
    ("reporting_period", rf"[Tt]he{G}(?:(?:current|present){G})?(?:reporting|review){G}period|[Tt]he{G}period{G}under{G}(?:review|consideration)"),
    ("today", r"\b(?:[Tt]oday|TODAY|[Yy]esterday|[Aa]t present|[Aa]t the moment|[Cc]urrently)\b"),
    ("to_date", r"\b(?:to date|so far)\b"),
    ("said_period", r"(?:[Tt]he\s+(?:said|aforesaid|aforementioned|above(?:-mentioned)?)|[Tt]hat)\s+period\b"),
    ("weekend", r"(?:(?:[Oo]ver|[Aa]t|[Dd]uring)\s+)?(?:[Tt]he|[Ll]ast|[Tt]his)\s+weekend\b"),
    ("weekday", rf"{WEEKDAY}(?:{G}(?:morning|afternoon|evening|night))?"),
    ("month_alone", rf"({MONTH})(?![\w\-])"),
    ("year", rf"(?<![\w$€£.,/\-]){YEAR}(?![\w%]|,\d|\.\d|-\d|–\d)"),
]
# What a report says of the period it covers, before the date that gives it: "The report covers the period from
# September to December 2024", "reporting period: January-June 2024".
PERIOD_DEFINITION = re.compile(r"(?:reporting\s+period|period\s+under\s+review|period\s+covered|review\s+period|"
                               r"this\s+report\s+covers|covering\s+the\s+period)[\s(:,–-]*(?:from\s+|of\s+|is\s+)?$", re.IGNORECASE)
COVERAGE = re.compile(r"\b(?:figures|data|statistics|numbers|report|release|bulletin|brief|survey)\s+(?:cover(?:s|ed)?|"
                      r"refers?\s+to|relates?\s+to)\b(?:[^.;\n]|\n(?!\n))*$", re.IGNORECASE)  # "The figures cover offences ... in 2024"
# Expressions that are dates even when the document date or the context is missing to resolve them.
CONTEXT_DEPENDENT = frozenset({
    "day_month", "half", "quarter", "first_months", "part_this_year", "part_relative_year", "months_to", "previous_fy",
    "so_far_this_year", "earlier_this", "part_month", "season_relative", "relative_unit", "last_month_name", "ago", "same_period", "past_n",
    "that_unit", "today", "to_date", "weekday", "month_alone", "since", "since_decade", "full", "day_range", "day_list",
    "between_days", "month_day_range", "month_span", "since_day", "since_month", "previous_period", "adjacent", "iranian_year", "before_last",
    "reporting_period", "so_far_this_fiscal", "weekend", "said_period",
})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "few": None, "several": None}
MONTH_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|last|early|late|mid|from|of|during|between|and|to|through|or|before|after)"
    r"[ \u00a0]*(?:\n[ \u00a0]*)?|mid-)$",
    re.IGNORECASE,
)
UNIT_AFTER_YEAR = re.compile(r"[ \u00a0]*(?:kg|kilo|tonnes?|tons?|%|per ?cent|percent|people|cases|hectares|ha)\b", re.I)


@lru_cache(maxsize=1)
def _date_re() -> re.Pattern[str]:
    for name, pattern in PATTERNS:
        groups = re.compile(pattern).groups
        if groups != len(GROUP_NAMES.get(name, ())):
            raise ValueError(f"date pattern {name!r} has {groups} groups, GROUP_NAMES names {GROUP_NAMES.get(name)}")
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in PATTERNS))


ANCHOR = re.compile(
    r"\d+|\b(?i:jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|years?|months?|weeks?|quarters?|half|today|yesterday|present|moment|"
    r"currently|decades?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|"
    r"date|far|ago|period|time|weekend|days?|hours|fortnight)\b")
WINDOW = 45  # characters before an anchor where a date expression can start


WORD_START = re.compile(r"(?<![\w])[\w]")


def _candidates(text: str):
    """Matches of the date patterns, tried only at word starts shortly before a digit, a month
    or a time word: dates always contain one, and trying every position is several times slower."""
    starts = [m.start() for m in WORD_START.finditer(text)]
    pattern = _date_re()
    position = 0
    for anchor in ANCHOR.finditer(text):
        if anchor.start() < position:
            continue
        first = bisect_left(starts, max(position, anchor.start() - WINDOW))
        for start in starts[first:bisect_right(starts, anchor.start())]:
            match = pattern.match(text, start)
            if match is not None and match.end() > anchor.start():
                yield match
                position = match.end()
                break


GROUP_NAMES = {
    "half": ("h_ord", "h_year", "h_rel"), "half_code": ("hc1", "hc2", "hc3", "hc4", "hc5", "hc6"),
    "quarter": ("q_ord", "q_year", "q_rel"), "part_relative_year": ("pry_part", "pry_rel"),
    "months_to": ("mt_year", "mt_n", "mt_month", "mt_end_year"), "quarter_code": ("qc1", "qc2", "qc3", "qc4"),
    "first_months": ("fm_n", "fm_year", "fm_rel"), "whole_year": ("wy",), "part_year": ("py_part", "py_of", "py_year"), "part_month": ("pm_part", "pm_month", "pm_year"),
    "part_this_year": ("pty",), "season": ("s_name", "s_year"), "season_relative": ("sr_dir", "sr_dir2", "sr_name"), "decade": ("d_part", "d_year"),
    "since": ("si_month", "si_year"), "since_decade": ("sd_part", "sd_year"), "until": ("un",), "between_years": ("by1", "by2"), "from_years": ("fy1", "fy2"),
    "year_span": ("ys1", "ys2", "ys_slash"), "financial_year_span": ("fys_year", "fys_short"), "fiscal_quarter": ("fq",),
    "earlier_this": ("et_unit",), "relative_unit": ("ru_unit",), "last_month_name": ("lm",),
    "ago": ("ago_unit", "ago_dir"), "same_period": ("sp_year", "sp_last", "sp_prev"),
    "past_n": ("pn_n", "pn_unit", "pn_decade"), "month_alone": ("ma",),
    "fiscal_label": ("fl_year",), "iranian_year": ("ir_number", "ir_verb", "ir_month", "ir_year"),
    "since_part": ("sip_part", "sip_of", "sip_year"), "since_month": ("sim",),
    "previous_period": ("pp_n",), "adjacent": ("adj_dir", "adj_unit", "adj_unit2", "adj_dir2"),
    "that_unit": ("tu_unit",), "before_last": ("bl_unit",),
}


def _groups(kind: str, match: re.Match[str]) -> dict[str, str | None]:
    """The numbered groups inside one alternative, under readable names."""
    names = GROUP_NAMES.get(kind, ())
    if not names:
        return {}
    index = match.re.groupindex[kind]
    values = match.groups()[index: index + len(names)]
    return dict(zip(names, values))
