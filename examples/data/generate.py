#!/usr/bin/env python3
"""Generates the sample inbox of the webcare examples: weeks of invented customer-care traffic.

The company is Velder, an invented Dutch telecom with a webshop (phones, modems, fibre,
mobile plans). Its customers write in English and Dutch (about 60/40) on X (public posts and
DMs), Facebook, Instagram, WhatsApp, e-mail, the web form, live chat and the phone (the desk's
call notes). They complain (outages, refunds, late deliveries, no-show technicians, broken
promises, churn, media and legal threats), ask questions, praise, and some posts are noise
(spam, off-topic mentions). Velder answers quickly on social channels around the clock,
slowly and only in office hours on e-mail and the web form (many e-mails stay unanswered),
within minutes in chat and at once on the phone; its answers to the same question on
different channels sometimes contradict each other. About 5% of customers reach Velder on
several channels; the file given with --links records which handles belong together and why.
In the first week one customer with about 40,000 followers, who e-mailed and phoned earlier
in the week, complains on X and is still waiting at the end of the file.

All text is invented; nothing is taken from real conversations.

Output: one message per line, the JSON form of webcare's Message
    {"id", "channel", "direction", "author", "sent_at", "text",
     "reply_to"?, "case_id"?, "reach"?, "promoted"?}
sorted by sent_at, ids m0000001, m0000002, ... in that order, every message in a case
(c000001, ...). With --format csv the same fields are columns in that order, with empty cells
for absent values and promoted as true/false. Links (--links) are JSON lines
    {"a": "x:handle", "b": "email:address", "evidence": "..."}.

The first week is Monday 2026-03-23 to Sunday 2026-03-29 (Europe/Amsterdam; summer time
starts on the Sunday at 02:00), each further week follows the previous one with new
customers and some returning ones; the file ends at the end of the last week, so later
replies are not in it. Dutch customers and the company write Amsterdam offsets (+01:00, then
+02:00); other customers Z or their own offsets.

The output depends only on the options: the same seed gives the same bytes. Memory stays
flat in --weeks (one week of messages is held at a time); about 2,000 messages a week, so
--weeks 1000 writes about 2 million.

    python3 examples/data/generate.py --out examples/data/inbox.jsonl \\
        --links examples/data/links.jsonl
    python3 examples/data/generate.py --weeks 1000 --out /tmp/inbox-2m.jsonl

Standard library only; Python 3.11+.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import random
import sys
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TextIO

# ---------------------------------------------------------------------------------------------
# Time: epoch seconds (UTC) inside, RFC 3339 with the author's offset outside.

HOUR = 3600
DAY = 86400
WEEK = 7 * DAY
_EPOCH = datetime(1970, 1, 1)
# Monday 2026-03-23 00:00 in Amsterdam (+01:00).
FIRST_WEEK = int(datetime(2026, 3, 22, 23, 0, tzinfo=timezone.utc).timestamp())

_dst_cache: dict[tuple[str, int], tuple[int, int]] = {}


def _last_sunday(year: int, month: int) -> int:
    """The day of the month of the last Sunday of `month` (March or October)."""
    last = datetime(year, month, 31)
    return 31 - (last.weekday() + 1) % 7


def _nth_sunday(year: int, month: int, n: int) -> int:
    first = datetime(year, month, 1)
    return 1 + (6 - first.weekday()) % 7 + 7 * (n - 1)


def _dst_window(rule: str, year: int) -> tuple[int, int]:
    """Start and end (epoch seconds, UTC) of summer time under the EU or US rule."""
    key = (rule, year)
    window = _dst_cache.get(key)
    if window is None:
        if rule == "eu":  # last Sunday of March to last Sunday of October, 01:00 UTC
            start = datetime(year, 3, _last_sunday(year, 3), 1, tzinfo=timezone.utc)
            end = datetime(year, 10, _last_sunday(year, 10), 1, tzinfo=timezone.utc)
        else:  # US Eastern: second Sunday of March 07:00 UTC to first Sunday of November 06:00
            start = datetime(year, 3, _nth_sunday(year, 3, 2), 7, tzinfo=timezone.utc)
            end = datetime(year, 11, _nth_sunday(year, 11, 1), 6, tzinfo=timezone.utc)
        window = (int(start.timestamp()), int(end.timestamp()))
        _dst_cache[key] = window
    return window


# Zones: (standard offset in seconds, DST rule or None, write "Z" for UTC).
ZONES: dict[str, tuple[int, str | None]] = {
    "ams": (HOUR, "eu"),
    "lon": (0, "eu"),
    "utc": (0, None),
    "nyc": (-5 * HOUR, "us"),
    "kol": (5 * HOUR + 1800, None),
}


def offset(zone: str, ts: int) -> int:
    """The zone's UTC offset in seconds at instant `ts`."""
    std, rule = ZONES[zone]
    if rule is None:
        return std
    start, end = _dst_window(rule, 1970 + ts // 31556952)
    return std + HOUR if start <= ts < end else std


def _offset_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // HOUR:02d}:{seconds % HOUR // 60:02d}"


_OFFSET_TEXT = {off: _offset_text(off) for off in range(-12 * HOUR, 14 * HOUR + 1, 1800)}


def stamp(ts: int, zone: str) -> str:
    """RFC 3339 text of `ts` in `zone`: `Z` for UTC, the offset otherwise."""
    if zone == "utc":
        return (_EPOCH + timedelta(seconds=ts)).isoformat() + "Z"
    off = offset(zone, ts)
    return (_EPOCH + timedelta(seconds=ts + off)).isoformat() + _OFFSET_TEXT[off]


def local(ts: int, zone: str = "ams") -> tuple[int, int]:
    """Weekday (0 = Monday) and hour at `ts` in `zone`."""
    t = ts + offset(zone, ts)
    return (t // DAY + 3) % 7, t % DAY // HOUR


def weekday_name(ts: int, lang: str, zone: str = "ams") -> str:
    return WEEKDAYS[lang][local(ts, zone)[0]]


WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}


def week_start(week: int) -> int:
    """Monday 00:00 in Amsterdam of week `week` (0 is the week of 2026-03-23)."""
    naive = FIRST_WEEK + HOUR + week * WEEK  # local midnight as if it were UTC
    return naive - offset("ams", naive - HOUR)


def next_office_time(ts: int, rng: random.Random) -> int:
    """`ts` if it falls in office hours (Mon-Fri 09:00-17:00 Amsterdam), else a moment in the
    first office hours after it."""
    day, hour = local(ts)
    if day < 5 and 9 <= hour < 17:
        return ts
    t = ts + offset("ams", ts)
    midnight = t - t % DAY
    if day < 5 and hour < 9:
        target = midnight + 9 * HOUR
    else:
        target = midnight + DAY + 9 * HOUR
        while (target // DAY + 3) % 7 >= 5:
            target += DAY
    target += rng.randrange(0, 3 * HOUR)
    return target - offset("ams", target - HOUR)


# Customer activity by local hour (relative weights) and by weekday.
HOURLY = [2, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 13, 13, 12, 12, 12, 13, 14, 15, 15, 13, 9, 5]
DAILY = [17, 16, 15, 15, 14, 12, 11]
_HOURS = list(range(24))
_DAYS = list(range(7))
_HOURLY_CUM = [sum(HOURLY[: i + 1]) for i in range(24)]
_DAILY_CUM = [sum(DAILY[: i + 1]) for i in range(7)]

# When a channel is staffed, in Amsterdam hours: (weekday hours, Saturday, Sunday), or None.
OPENING = {
    "phone": ((8, 20), (9, 17), None),
    "chat": ((8, 22), (9, 22), (10, 18)),
}


def is_open(channel: str, ts: int) -> bool:
    spans = OPENING.get(channel)
    if spans is None:
        return True
    day, hour = local(ts)
    span = spans[0] if day < 5 else spans[day - 4]
    return span is not None and span[0] <= hour < span[1]


# ---------------------------------------------------------------------------------------------
# Words and slots.

BRAND = {
    "x": "@VelderCare",
    "x_dm": "@VelderCare",
    "facebook": "velder.nl",
    "instagram": "@velder",
    "whatsapp": "+31 85 208 0100",
    "email": "service@velder.example",
    "web_form": "service@velder.example",
    "phone": "+31 85 208 0000",
}
AGENTS = ["Sanne", "Mo", "Lisa", "Daan", "Priya", "Tom", "Fatima", "Ruben", "Eva", "Jesse",
          "Anouk", "Kevin", "Noa", "Sem", "Yara", "Bas"]

FIRST = {
    "nl": ["Ann", "Sanne", "Jeroen", "Pieter", "Fleur", "Daan", "Lotte", "Thijs", "Mila",
           "Bram", "Noor", "Sem", "Anouk", "Lars", "Esther", "Kees", "Fatima", "Mohamed",
           "Yusuf", "Ilse", "Joost", "Marieke", "Wouter", "Eline", "Sven", "Romy", "Bas",
           "Iris", "Hanna", "Niels", "Gerrit", "Femke", "Rik", "Wendy", "Hatice", "Sjoerd"],
    "en": ["James", "Olivia", "Jordan", "Emily", "Priya", "Tom", "Sarah", "Chris", "Aisha",
           "Daniel", "Hannah", "Liam", "Grace", "Raj", "Sophie", "Mark", "Chloe", "Ben", "Zoe",
           "Sam", "Maria", "Alex", "Nina", "Oscar", "Ruth", "Kwame", "Lucy", "Arjun", "Megan",
           "Ethan", "Leah", "Marco", "Ivana", "Connor", "Mei", "Tariq"],
}
LAST = {
    "nl": ["de Vries", "Jansen", "de Boer", "Bakker", "Visser", "Smit", "Meijer", "Mulder",
           "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "van Leeuwen", "Dekker",
           "Brouwer", "de Wit", "Dijkstra", "Kok", "Yilmaz", "El Amrani", "Verhoeven",
           "Kuipers", "Postma", "van der Berg", "Schouten", "Hoekstra", "Koster", "Willems"],
    "en": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Patel", "Khan",
           "Evans", "Walker", "Murphy", "OBrien", "Clarke", "Hughes", "Green", "Lewis",
           "Wright", "Hall", "Wood", "Martin", "Garcia", "Nguyen", "Kowalski", "Rossi",
           "Schmidt", "Okafor", "Reid", "Campbell", "Ahmed", "Fischer"],
}
MAIL_DOMAINS = ["example.com", "example.nl", "example.org", "example.net", "mail.example",
                "post.example.nl"]
CITIES = {
    "nl": ["Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Groningen", "Zwolle", "Haarlem",
           "Leiden", "Breda", "Nijmegen", "Almere", "Den Haag", "Delft", "Tilburg", "Arnhem",
           "Amersfoort", "Maastricht", "Leeuwarden", "Alkmaar", "Deventer", "Enschede",
           "Hilversum", "Zaandam", "Purmerend"],
    "en": ["Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "The Hague", "Leiden",
           "Haarlem", "Amstelveen", "Delft", "Groningen", "Diemen", "Nijmegen", "Hoofddorp"],
}
PRODUCTS = {
    "en": ["iPhone 16", "Galaxy S25", "Pixel 9a", "Fairphone 5", "Velder Box 3 modem",
           "wifi booster", "TV box", "tablet", "smartwatch", "charger", "phone case",
           "Galaxy A56", "Moto g85", "earbuds", "SIM-only starter pack"],
    "nl": ["iPhone 16", "Galaxy S25", "Pixel 9a", "Fairphone 5", "Velder Box 3-modem",
           "wifi-versterker", "tv-kastje", "tablet", "smartwatch", "oplader", "telefoonhoesje",
           "Galaxy A56", "Moto g85", "oordopjes", "simkaart"],
}
DEVICES = ["iPhone 16", "Galaxy S25", "Pixel 9a", "Fairphone 5", "Galaxy A56", "Moto g85",
           "iPhone 15", "Pixel 10"]
AMOUNTS = [4.99, 9.95, 12.50, 17.50, 19.95, 24.99, 29.00, 34.95, 42.50, 49.00, 59.99, 64.95,
           89.00, 129.00, 179.95, 249.00, 399.00, 649.00, 879.00, 1029.00]
DURATIONS = {
    "en": ["3 days", "4 days", "five days", "a week", "8 days", "10 days", "two weeks",
           "three weeks", "a month", "6 weeks"],
    "nl": ["3 dagen", "4 dagen", "vijf dagen", "een week", "8 dagen", "10 dagen",
           "twee weken", "drie weken", "een maand", "6 weken"],
}
TIMES = {
    "en": ["twice", "3 times", "three times", "four times", "5 times", "six times"],
    "nl": ["twee keer", "3 keer", "drie keer", "vier keer", "5 keer", "zes keer"],
}
SPEED_PAID = ["1 Gbit", "500 Mbit", "1000 Mbit", "200 Mbit"]
SPEED_GOT = ["40 Mbit", "12 Mbit", "85 Mbit", "3 Mbit", "60 Mbit"]
COUNTRY_EU = {
    "en": ["Spain", "France", "Italy", "Portugal", "Greece", "Germany", "Croatia"],
    "nl": ["Spanje", "Frankrijk", "Italië", "Portugal", "Griekenland", "Duitsland", "Kroatië"],
}
COUNTRY_FAR = {
    "en": ["Switzerland", "Turkey", "the US", "Morocco", "the UK"],
    "nl": ["Zwitserland", "Turkije", "Amerika", "Marokko", "Engeland"],
}
FIX_TIMES = {"en": ["6 pm", "tonight", "8 pm", "tomorrow morning", "midnight"],
             "nl": ["18:00 uur", "vanavond", "20:00 uur", "morgenochtend", "middernacht"]}


def _money(amount: float, lang: str) -> str:
    if lang == "nl":
        return f"€ {amount:.2f}".replace(".", ",")
    return f"€{amount:.2f}"


class Slots(dict[str, str]):
    """A case's slot values, drawn when a template first asks for them, then kept, so that one
    conversation speaks of one order, one amount and one city throughout."""

    def __init__(self, rng: random.Random, lang: str, case: "Case") -> None:
        super().__init__()
        self.rng = rng
        self.lang = lang
        self.case = case

    def __missing__(self, key: str) -> str:
        rng, lang = self.rng, self.lang
        if key == "order":
            value = f"VD{rng.randrange(1000000, 9999999)}"
        elif key == "ticket":
            value = str(rng.randrange(2000000, 2999999))
        elif key == "amount":
            value = _money(rng.choice(AMOUNTS), lang)
        elif key == "amount2":
            value = _money(rng.choice(AMOUNTS[:8]), lang)
        elif key == "device":
            value = rng.choice(DEVICES)
        elif key == "product":
            value = rng.choice(PRODUCTS[lang])
        elif key == "city":
            value = rng.choice(CITIES[lang])
        elif key == "days":
            value = rng.choice(DURATIONS[lang])
        elif key == "times":
            value = rng.choice(TIMES[lang])
        elif key == "n":
            value = str(rng.randrange(2, 6))
        elif key == "since":
            value = weekday_name(self.case.start - rng.randrange(1, 4) * DAY, lang)
        elif key == "day":
            value = weekday_name(self.case.start + rng.randrange(1, 3) * DAY, lang)
        elif key == "speed_paid":
            value = rng.choice(SPEED_PAID)
        elif key == "speed_got":
            value = rng.choice(SPEED_GOT)
        elif key == "country":
            value = rng.choice(COUNTRY_FAR[lang])
        elif key == "country_eu":
            value = rng.choice(COUNTRY_EU[lang])
        elif key == "fix":
            value = rng.choice(FIX_TIMES[lang])
        elif key == "agent":
            value = rng.choice(AGENTS)
        elif key == "name":
            value = self.case.customer.first
        elif key == "brand":
            value = BRAND["x"] if self.case.channel in ("x", "x_dm") else "Velder"
        elif key == "years":
            value = str(rng.randrange(3, 19))
        elif key == "postcode":
            value = f"{rng.randrange(1011, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}" \
                    f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
        elif key == "email":
            value = self.case.customer.email
        elif key == "phone":
            value = self.case.customer.phone
        else:
            raise KeyError(key)
        self[key] = value
        return value


# ---------------------------------------------------------------------------------------------
# Templates. Complaint topics: the sentence that says what is wrong, in each language.

TOPICS: dict[str, dict[str, list[str]]] = {
    "outage": {
        "en": ["No internet in {city} since {since} morning. Modem restarted {times}, nothing.",
               "Internet down AGAIN in {city}. Third time this month.",
               "Is there an outage in {city}? My fibre has been dead since {since} and your "
               "status page says everything is fine.",
               "The connection drops every ten minutes and has done so for {days}.",
               "Whole street in {city} without internet since {since}. Any ETA?",
               "Wifi light blinking red on my modem since {since}, no internet at all."],
        "nl": ["Sinds {since} geen internet in {city}. Modem al {times} opnieuw opgestart.",
               "Internet ligt er WEER uit in {city}. Derde keer deze maand.",
               "Is er een storing in {city}? Mijn glasvezel doet het sinds {since} niet en "
               "jullie storingspagina zegt dat alles werkt.",
               "Verbinding valt al {days} elke tien minuten weg.",
               "Hele straat in {city} zit sinds {since} zonder internet. Wanneer is dit "
               "opgelost?",
               "Lampje op mijn modem knippert rood sinds {since}, geen internet."],
    },
    "mobile": {
        "en": ["No signal at all in {city} since {since}. Can't call, can't text.",
               "My 5G keeps dropping to nothing in {city}, even outside.",
               "Mobile data stopped working after the update on {since}.",
               "Calls drop after 30 seconds, every single time, for {days} now."],
        "nl": ["Sinds {since} helemaal geen bereik in {city}. Bellen en sms'en lukt niet.",
               "Mijn 5G valt steeds weg in {city}, zelfs buiten.",
               "Mobiele data werkt niet meer sinds de update van {since}.",
               "Gesprekken vallen al {days} na 30 seconden weg."],
    },
    "refund": {
        "en": ["Returned my {product} {days} ago and still no refund of {amount}.",
               "You promised a refund of {amount} within 14 days. It has been {days}. Where "
               "is my money?",
               "Order {order} was cancelled on {since}, the {amount} is still not back on my "
               "account.",
               "Still waiting for the {amount} you owe me for the returned {product}."],
        "nl": ["{days} geleden mijn {product} teruggestuurd en nog steeds geen {amount} terug.",
               "Jullie beloofden mijn {amount} binnen 14 dagen terug te storten. Het is nu "
               "{days} later. Waar blijft mijn geld?",
               "Bestelling {order} is op {since} geannuleerd maar de {amount} staat nog "
               "steeds niet op mijn rekening.",
               "Wacht nog steeds op de {amount} voor het geretourneerde {product}."],
    },
    "delivery": {
        "en": ["Order {order} was supposed to arrive on {since}. Tracking hasn't moved in "
               "{days}.",
               "Paid {amount} for a {product} with next-day delivery, still nothing.",
               "Tracking says delivered, but there's no {product} here. Order {order}.",
               "My {product} (order {order}) has been 'on its way' for {days}."],
        "nl": ["Bestelling {order} zou op {since} komen. Track & trace staat al {days} stil.",
               "{amount} betaald voor een {product} met levering morgen, nog steeds niks.",
               "Volgens track & trace bezorgd, maar hier is geen {product}. Bestelnummer "
               "{order}.",
               "Mijn {product} (bestelling {order}) is al {days} 'onderweg'."],
    },
    "billing": {
        "en": ["You charged me {amount} twice this month.",
               "My bill says {amount} but my plan is {amount2} a month. Nobody can explain "
               "why.",
               "Direct debit of {amount} for a contract I cancelled in January.",
               "Why am I paying {amount} for a TV package I never ordered?"],
        "nl": ["Jullie hebben deze maand twee keer {amount} afgeschreven.",
               "Op mijn factuur staat {amount} terwijl mijn abonnement {amount2} per maand "
               "is. Niemand kan het uitleggen.",
               "Incasso van {amount} voor een contract dat ik in januari heb opgezegd.",
               "Waarom betaal ik {amount} voor een tv-pakket dat ik nooit besteld heb?"],
    },
    "technician": {
        "en": ["Took a day off for the technician. Nobody showed up. Again.",
               "Engineer was booked for {since} between 8 and 12. No-show, no call, nothing.",
               "Third appointment for the fibre installation cancelled on the day itself.",
               "Technician came, said the box outside is broken, left. {days} later nothing."],
        "nl": ["Vrij genomen voor de monteur. Niemand gekomen. Alweer.",
               "Monteur zou {since} tussen 8 en 12 komen. Niet gekomen, niet gebeld, niks.",
               "Derde afspraak voor de glasvezelaansluiting op de dag zelf afgezegd.",
               "Monteur kwam, zei dat het kastje buiten kapot is, en ging weg. {days} later "
               "nog niks."],
    },
    "callback": {
        "en": ["I was promised a call back within 24 hours. That was {days} ago.",
               "Your colleague said someone would call me on {since}. Nobody did.",
               "Every time I call I'm told a specialist will ring back. They never do."],
        "nl": ["Er zou binnen 24 uur teruggebeld worden. Dat was {days} geleden.",
               "Jullie collega zei dat ik {since} gebeld zou worden. Niemand belde.",
               "Elke keer als ik bel zou een specialist terugbellen. Gebeurt nooit."],
    },
    "cancel": {
        "en": ["Trying to cancel my contract for {days} now and you keep charging me.",
               "The cancel button in the app just gives an error. How am I supposed to leave?",
               "Cancelled by phone on {since}, got a letter today saying my contract renewed."],
        "nl": ["Ik probeer al {days} op te zeggen en jullie blijven afschrijven.",
               "De opzegknop in de app geeft alleen een foutmelding. Hoe kom ik hier vanaf?",
               "Op {since} telefonisch opgezegd, vandaag een brief dat mijn contract is "
               "verlengd."],
    },
    "porting": {
        "en": ["Number transfer was supposed to take one day. {days} later I have no working "
               "number.",
               "My old number still isn't moved over to Velder and I'm missing calls from work."],
        "nl": ["Nummerbehoud zou één dag duren. {days} later heb ik nog geen werkend nummer.",
               "Mijn oude nummer is nog steeds niet overgezet en ik mis telefoontjes van "
               "mijn werk."],
    },
    "broken": {
        "en": ["My new {device} arrived with a cracked screen and nobody wants to swap it.",
               "The {device} I bought {days} ago won't charge anymore. Repair takes how long?",
               "Sent my {device} in for repair {days} ago. No update, no phone."],
        "nl": ["Mijn nieuwe {device} kwam binnen met een gebarsten scherm en niemand wil "
               "hem omruilen.",
               "De {device} die ik {days} geleden kocht laadt niet meer op.",
               "{days} geleden mijn {device} ter reparatie opgestuurd. Geen update, geen "
               "telefoon."],
    },
    "speed": {
        "en": ["Paying for {speed_paid} and getting {speed_got}. Speed tests every evening.",
               "Evenings the internet crawls at {speed_got}. I pay for {speed_paid}!"],
        "nl": ["Ik betaal voor {speed_paid} en krijg {speed_got}. Elke avond getest.",
               "'s Avonds kruipt het internet op {speed_got}. Ik betaal voor {speed_paid}!"],
    },
    "roaming": {
        "en": ["Got a bill of {amount} for data in {country}. Your website said it was "
               "included!",
               "Data didn't work at all in {country_eu} although roaming is on."],
        "nl": ["Rekening van {amount} voor data in {country}. Op jullie site stond dat het "
               "inbegrepen was!",
               "Mobiele data deed het helemaal niet in {country_eu}, terwijl roaming aan staat."],
    },
}
TOPIC_NAMES = list(TOPICS)
TOPIC_WEIGHTS = [16, 8, 12, 13, 9, 8, 6, 6, 4, 6, 6, 4]
# What a topic is about, for the company's replies ("about {issue}").
ISSUE = {
    "en": {"outage": "the outage", "mobile": "the network problems",
           "refund": "your refund", "delivery": "your delivery", "billing": "your bill",
           "technician": "the missed appointment", "callback": "the call back",
           "cancel": "your cancellation", "porting": "your number transfer",
           "broken": "your {device}", "speed": "your speed", "roaming": "the roaming costs"},
    "nl": {"outage": "de storing", "mobile": "de problemen met het netwerk",
           "refund": "je terugbetaling", "delivery": "je bestelling", "billing": "je factuur",
           "technician": "de gemiste afspraak", "callback": "het terugbellen",
           "cancel": "je opzegging", "porting": "je nummerbehoud",
           "broken": "je {device}", "speed": "je snelheid", "roaming": "de roamingkosten"},
}

HISTORY = {
    "en": ["Called {times} already.", "This is my {n}th message about it.",
           "Emailed on {since}, no reply.", "Still waiting.",
           "Every time I call I get a different answer.", "Been on hold for 45 minutes today.",
           "Customer for {years} years and this is how you treat me?",
           "Your chat bot just sends me in circles."],
    "nl": ["Al {times} gebeld.", "Dit is mijn {n}e bericht hierover.",
           "Op {since} gemaild, geen reactie.", "Nog steeds niks gehoord.",
           "Elke keer dat ik bel een ander verhaal.", "Vandaag 45 minuten in de wacht gestaan.",
           "{years} jaar klant en dan word je zo behandeld.",
           "Jullie chatbot stuurt me alleen maar in rondjes."],
}
CONSEQUENCE = {
    "en": ["I work from home and lose money every day.", "My kids can't do their homework.",
           "My elderly mother depends on this line.", "I had to buy a prepaid SIM to work.",
           "I run a business from home, this is costing me clients."],
    "nl": ["Ik werk thuis en kan nu niks.", "Mijn kinderen kunnen hun huiswerk niet maken.",
           "Mijn moeder van 84 is afhankelijk van deze lijn.",
           "Moest een prepaid simkaart kopen om te kunnen werken.",
           "Ik heb een eigen bedrijf aan huis, dit kost me klanten."],
}
CHURN = {
    "en": ["If this isn't fixed by {day} I'm switching provider.",
           "Cancelling as soon as my contract allows.",
           "Seriously thinking about leaving after {years} years.",
           "Done with Velder. Porting my number out this week."],
    "nl": ["Als dit niet voor {day} is opgelost stap ik over.",
           "Ik zeg op zodra het contract het toelaat.",
           "Na {years} jaar denk ik serieus aan overstappen.",
           "Klaar met Velder. Deze week neem ik mijn nummer mee naar de concurrent."],
}
THREAT = {
    "en": ["Next stop: the ombudsman.", "My lawyer will be in touch.",
           "Sending this to the consumer programme on TV.", "Reporting this to the regulator.",
           "A journalist friend is very interested in this story."],
    "nl": ["Ik stap naar de Geschillencommissie.", "Mijn advocaat neemt contact met jullie op.",
           "Ik stuur dit naar Radar.", "Dit meld ik bij de ACM.",
           "Een bevriende journalist is erg benieuwd naar dit verhaal."],
}
CLOSER = {
    "en": ["Sort it out.", "Unacceptable.", "Really disappointed.", "Ridiculous.",
           "Any idea when?", "Please help.", "Not impressed.", "What is going on?",
           "Terrible service."],
    "nl": ["Belachelijk.", "Echt slecht.", "Wat is dit voor service?", "Schandalig.",
           "Wanneer wordt dit opgelost?", "Graag hulp.", "Diep teleurgesteld.",
           "Wat is hier aan de hand?", "Waardeloze service."],
}
PROFANITY = {
    "en": ["wtf", "Absolute shambles.", "Shit service.", "Bloody useless.", "What a joke."],
    "nl": ["Wtf Velder.", "Kutbedrijf.", "Godsgruwelijk slecht.", "Wat een klerezooi."],
}
HASHTAGS = {"en": ["#fail", "#VelderFail", "#customerservice", "#worstservice", "#outage"],
            "nl": ["#fail", "#VelderFail", "#klantonvriendelijk", "#storing", "#klantenservice"]}
ANGRY_EMOJI = ["😡", "🤬", "🙄", "😤", "👎", "💩", "😠"]

# Questions, grouped by the fact the company answers with; `answer` is the usual answer,
# `other` the one some agents give instead.
QUESTIONS: dict[str, dict[str, dict[str, list[str]]]] = {
    "refund_time": {
        "q": {"en": ["How long does a refund take after I return something?",
                     "I sent my {product} back on {since}, when do I get my money?",
                     "How long until a refund is on my account after a return?"],
              "nl": ["Hoe lang duurt het voordat ik mijn geld terugkrijg na een retour?",
                     "Ik heb mijn {product} op {since} teruggestuurd, wanneer krijg ik mijn "
                     "geld terug?",
                     "Binnen hoeveel dagen wordt een retour terugbetaald?"]},
        "answer": {"en": ["Refunds are paid within 14 days after we receive your return.",
                          "You'll have the money back within 14 days of us receiving it."],
                   "nl": ["Binnen 14 dagen nadat we je retour ontvangen staat het geld op "
                          "je rekening.",
                          "Je krijgt het bedrag binnen 14 dagen na ontvangst terug."]},
        "other": {"en": ["Refunds are paid within 7 working days."],
                  "nl": ["Binnen 7 werkdagen heb je je geld terug."]},
    },
    "cancel_fee": {
        "q": {"en": ["Can I cancel my contract early?",
                     "What does it cost to cancel before the end of my contract?",
                     "Is it possible to cancel my plan before it ends?"],
              "nl": ["Kan ik mijn abonnement tussentijds opzeggen?",
                     "Wat kost het om voor het einde van mijn contract op te zeggen?",
                     "Kan ik eerder van mijn abonnement af?"]},
        "answer": {"en": ["Yes, you can cancel free of charge with one month's notice."],
                   "nl": ["Ja, je kunt kosteloos opzeggen met een opzegtermijn van een "
                          "maand."]},
        "other": {"en": ["No, cancelling early costs a fee of EUR 25."],
                  "nl": ["Nee, tussentijds opzeggen kost € 25 administratiekosten."]},
    },
    "keep_number": {
        "q": {"en": ["Can I keep my number when I switch to Velder?",
                     "How long does it take to transfer my number?"],
              "nl": ["Kan ik mijn nummer meenemen als ik naar Velder overstap?",
                     "Hoe lang duurt nummerbehoud?"]},
        "answer": {"en": ["Yes, you keep your number for free; the transfer takes 1 "
                          "working day."],
                   "nl": ["Ja, nummerbehoud is gratis en duurt 1 werkdag."]},
        "other": {"en": ["Yes, you keep your number; the transfer takes 3 working days."],
                  "nl": ["Ja, je nummer meenemen kan, dat duurt 3 werkdagen."]},
    },
    "roaming_eu": {
        "q": {"en": ["Is roaming in {country_eu} included in my plan?",
                     "Going to {country_eu} next week, does my bundle work there?"],
              "nl": ["Is bellen en internetten in {country_eu} inbegrepen in mijn bundel?",
                     "Ik ga volgende week naar {country_eu}, werkt mijn bundel daar?"]},
        "answer": {"en": ["Yes, in the EU you use your bundle at no extra cost."],
                   "nl": ["Ja, in de EU gebruik je je bundel zonder extra kosten."]},
        "other": {"en": ["Roaming there costs €2.50 per day."],
                  "nl": ["Dat kost € 2,50 per dag."]},
    },
    "delivery_time": {
        "q": {"en": ["When will my {product} arrive if I order today?",
                     "How fast do you deliver a {product}?"],
              "nl": ["Wanneer wordt mijn {product} bezorgd als ik vandaag bestel?",
                     "Hoe snel leveren jullie een {product}?"]},
        "answer": {"en": ["Ordered before 22:00 on a working day, it's delivered the next "
                          "day."],
                   "nl": ["Voor 22:00 uur besteld op een werkdag, morgen in huis."]},
        "other": {"en": ["Delivery takes 3 working days."],
                  "nl": ["De levertijd is 3 werkdagen."]},
    },
    "return_window": {
        "q": {"en": ["Can I still return my {product}? Bought it {n} weeks ago.",
                     "How long do I have to return a phone?"],
              "nl": ["Kan ik mijn {product} nog retourneren? {n} weken geleden gekocht.",
                     "Hoe lang heb ik om een telefoon terug te sturen?"]},
        "answer": {"en": ["You can return it within 30 days of delivery."],
                   "nl": ["Retourneren kan binnen 30 dagen na levering."]},
        "other": {"en": ["Returns are possible within 14 days."],
                  "nl": ["Je kunt binnen 14 dagen retourneren."]},
    },
    "opening_hours": {
        "q": {"en": ["Until what time can I call customer service?",
                     "What are your phone hours on Saturday?"],
              "nl": ["Tot hoe laat is de klantenservice telefonisch bereikbaar?",
                     "Zijn jullie zaterdag ook te bellen?"]},
        "answer": {"en": ["You can call us Monday to Friday until 20:00 and on Saturday "
                          "until 17:00."],
                   "nl": ["Je kunt ons maandag tot en met vrijdag tot 20:00 uur bellen en "
                          "zaterdag tot 17:00 uur."]},
        "other": {"en": ["You can call us on weekdays until 21:00 and on Saturday until "
                         "17:00."],
                  "nl": ["We zijn doordeweeks tot 21:00 uur bereikbaar."]},
    },
    "modem_fee": {
        "q": {"en": ["Do I have to pay for a new modem if mine breaks?",
                     "My modem died, is a replacement free?"],
              "nl": ["Moet ik betalen voor een nieuw modem als het oude kapot is?",
                     "Mijn modem is stuk, is een vervangend modem gratis?"]},
        "answer": {"en": ["No, a replacement modem is free; we send it within 2 working "
                          "days."],
                   "nl": ["Nee, een vervangend modem is gratis en sturen we binnen 2 "
                          "werkdagen op."]},
        "other": {"en": ["A replacement modem costs €49.95."],
                  "nl": ["Een nieuw modem kost € 49,95."]},
    },
    "esim": {
        "q": {"en": ["How do I switch to an eSIM?", "Can I get an eSIM for my {device}?"],
              "nl": ["Hoe zet ik mijn simkaart om naar een eSIM?",
                     "Kan ik een eSIM krijgen voor mijn {device}?"]},
        "answer": {"en": ["Yes: in the Velder app under My SIM > eSIM, or at "
                          "https://velder.example/esim."],
                   "nl": ["Ja, dat regel je in de Velder-app onder Mijn sim > eSIM, of op "
                          "https://velder.example/esim."]},
        "other": {"en": ["Yes: in the Velder app under My SIM > eSIM, or at "
                         "https://velder.example/esim."],
                  "nl": ["Ja, dat regel je in de Velder-app onder Mijn sim > eSIM, of op "
                         "https://velder.example/esim."]},
    },
}
QUESTION_NAMES = list(QUESTIONS)
# Channels on which agents more often give the other answer.
OTHER_ANSWER_CHANNELS = {"x", "x_dm", "chat", "whatsapp"}

QUESTION_OPENERS = {
    "en": ["", "", "Quick question: ", "Hi, ", "Hello! ", "Hey {brand}, ", "Can anyone tell "
           "me: "],
    "nl": ["", "", "Vraagje: ", "Hoi, ", "Hallo! ", "Hé {brand}, ", "Weet iemand: "],
}
PRAISE = {
    "en": ["Shout out to {agent} from {brand} who fixed my internet in ten minutes 🙌",
           "Fibre installed today, 940 Mbit on the speed test. Very happy!",
           "Quick and friendly help in the chat, thanks {brand}!",
           "New {product} arrived a day early. Well done!",
           "Great service from {agent} on the phone today, problem solved 👍",
           "Credit where it's due: {brand} sorted my bill within an hour. Thank you!",
           "Have to say the new app is really good.",
           "Thanks for the quick refund, much appreciated ❤️"],
    "nl": ["Top geholpen door {agent}, binnen 5 minuten opgelost 👍",
           "Nieuwe {product} een dag eerder dan verwacht binnen. Goed geregeld {brand}!",
           "Glasvezel vandaag aangesloten, 940 Mbit. Super blij!",
           "Wat een vriendelijke monteur vandaag, alles netjes uitgelegd.",
           "Compliment voor {agent} van de chat, eindelijk iemand die meedenkt.",
           "Terugbetaling binnen twee dagen binnen. Netjes! ❤️",
           "Storing snel verholpen, dank jullie wel!",
           "Nieuwe app werkt echt een stuk fijner."],
}
NOISE = {
    "en": ["💰 Make $500 a day from home!! DM me now {brand}",
           "Free followers → visit free-followers.example 🔥🔥",
           "Crypto giveaway! Send 0.1 BTC and get 1 BTC back #bitcoin {brand}",
           "Anyone know a good pizza place near the Velder Arena?",
           "Listening to bossa nova on a rainy Sunday ☔",
           "RT to win a new phone!! {brand} #giveaway #win",
           "lol my cat just walked over the keyboard and sent this to {brand}",
           "Who's watching the match tonight?",
           "SEO services for your website: first page of search guaranteed. Reply for a quote.",
           "Velder sounds like a character from a fantasy novel"],
    "nl": ["Iemand nog kaartjes voor het concert in de Velder Arena zaterdag?",
           "Wie heeft er ook zo'n zin in het weekend? 🍻",
           "Gratis volgers!! Kijk op gratis-volgers.example",
           "Verdien € 300 per dag vanuit huis, stuur me een DM 💸",
           "Haha die nieuwe reclame van {brand} met die hond 😂",
           "Regen regen regen. Fijne dag allemaal ☔",
           "Win een gratis telefoon! Deel dit bericht en tag 3 vrienden #winactie",
           "Goedemorgen allemaal ☀️"],
}

# Follow-ups by the customer: chasing an unanswered message, giving details, reacting.
CHASE = {
    "en": ["Any news?", "Hello?? Still waiting.", "Still nothing. {since} I reported this.",
           "Day {n}, still no answer.", "Is anyone actually reading this?",
           "Bump. Nobody has replied.", "Still waiting for a reply to my message above."],
    "nl": ["Nog nieuws?", "Hallo?? Nog steeds niks.", "Nog steeds niks gehoord.",
           "Dag {n}, nog steeds geen antwoord.", "Leest hier iemand mee?",
           "Nog steeds geen reactie op mijn bericht hierboven.", "Iemand?"],
}
DETAILS = {
    "en": ["Order number {order}, account under {email}.", "It's {order}. Postcode {postcode}.",
           "Sent you a DM.", "Account is in my name, {postcode}. Ticket {ticket}.",
           "Here you go: {order}, phone {phone}."],
    "nl": ["Bestelnummer {order}, account op {email}.", "Het is {order}. Postcode {postcode}.",
           "DM gestuurd.", "Account staat op mijn naam, {postcode}. Ticket {ticket}.",
           "Alsjeblieft: {order}, telefoon {phone}."],
}
STILL_BROKEN = {
    "en": ["That's what you said on {since} as well. Still broken.",
           "Tried that. Didn't work.", "OK, but when exactly?",
           "You said that yesterday. Nothing has changed.",
           "A voucher? I want it fixed, not a voucher."],
    "nl": ["Dat zeiden jullie {since} ook al. Doet het nog steeds niet.",
           "Al geprobeerd. Werkt niet.", "Oké, maar wanneer dan precies?",
           "Dat zei je gisteren ook. Er is niks veranderd.",
           "Een tegoedbon? Ik wil dat het gemaakt wordt."],
}
THANKS = {
    "en": ["Thanks!", "OK, thank you.", "Works again, thanks!", "Great, thanks for the help.",
           "Finally. Thanks.", "Cheers 👍", "Got it, thanks."],
    "nl": ["Dank je!", "Oké, bedankt.", "Doet het weer, dank!", "Top, bedankt voor de hulp.",
           "Eindelijk. Bedankt.", "Thanks 👍", "Duidelijk, dank je wel."],
}
CONTRADICTED = {
    "en": ["Are you sure? Your colleague on the phone told me something else.",
           "That's not what the email said.", "Hm, your website says otherwise."],
    "nl": ["Weet je het zeker? Jullie collega aan de telefoon zei iets anders.",
           "Dat stond anders in de mail.", "Op jullie site staat iets anders."],
}

# The company's replies.
SIGN = {"x": " ^{agent}", "x_dm": " ^{agent}", "facebook": " ^{agent}", "instagram": " ^{agent}",
        "whatsapp": " ^{agent}", "chat": "", "email": "", "web_form": "", "phone": ""}
ACK = {
    "en": ["So sorry about this, {name}. That's not how it should go.",
           "Hi {name}, sorry for the trouble with {issue}!",
           "That's really annoying, {name}, sorry.",
           "Hi {name}, I understand your frustration about {issue}.",
           "Sorry to hear that, {name}!"],
    "nl": ["Wat vervelend, {name}! Zo hoort het niet te gaan.",
           "Hoi {name}, sorry voor het gedoe met {issue}!",
           "Balen, {name}, sorry daarvoor.",
           "Hoi {name}, ik snap je frustratie over {issue}.",
           "Vervelend om te horen, {name}!"],
}
EMAIL_ACK = {
    "en": ["We're sorry about the trouble with {issue}.", "We understand your frustration.",
           "We apologise for the inconvenience."],
    "nl": ["Excuses voor het ongemak met {issue}.", "We begrijpen je frustratie.",
           "Het spijt ons dat het zo gelopen is."],
}
ASK_DM = {
    "en": ["Could you send us a DM with your order number or postcode? Then we'll look into "
           "it right away.",
           "Please DM us your customer number so we can check your account.",
           "Can you DM us your postcode and house number? We'll check the line."],
    "nl": ["Stuur je ons een DM met je bestelnummer of postcode? Dan zoeken we het meteen "
           "uit.",
           "Wil je ons je klantnummer in een DM sturen? Dan kijken we in je account.",
           "Stuur je even je postcode en huisnummer via DM? Dan meten we de lijn door."],
}
ASK_PRIVATE = {  # Facebook and Instagram: continue in a private message
    "en": ["Could you send us a private message with your order number? Then we'll sort it "
           "out.",
           "Please message us privately with your postcode so we can check this."],
    "nl": ["Stuur je ons een privébericht met je bestelnummer? Dan regelen we het.",
           "Wil je ons even een privébericht sturen met je postcode? Dan kijken we mee."],
}
ESCALATE = {
    "en": ["I've escalated this to our specialists; you'll hear from us within 24 hours.",
           "I can see the problem on our side and have reported it with priority."],
    "nl": ["Ik heb dit doorgezet naar onze specialisten; je hoort binnen 24 uur van ons.",
           "Ik zie het probleem bij ons en heb het met spoed gemeld."],
}
NETWORK = {
    "en": ["There's a known outage in {city}; our engineers expect to fix it by {fix}.",
           "I've reset your line remotely; could you restart your modem and let us know?"],
    "nl": ["Er is een bekende storing in {city}; onze monteurs verwachten die rond {fix} "
           "op te lossen.",
           "Ik heb je lijn op afstand gereset; wil je je modem opnieuw opstarten en laten "
           "weten of het werkt?"],
}
MONEY = {
    "en": ["I've asked our finance team to check the payment; you'll have an update by {day}.",
           "I've corrected the bill; the difference is credited on your next invoice."],
    "nl": ["Ik heb onze financiële afdeling gevraagd de betaling na te kijken; {day} hoor "
           "je meer.",
           "Ik heb de factuur gecorrigeerd; het verschil wordt met je volgende factuur "
           "verrekend."],
}
ACTION = {
    "outage": NETWORK, "mobile": NETWORK, "speed": NETWORK,
    "refund": MONEY, "billing": MONEY, "roaming": MONEY, "cancel": MONEY,
    "technician": {"en": ["I've booked a new appointment with a technician for {day}, "
                          "8:00-12:00."],
                   "nl": ["Ik heb een nieuwe afspraak met een monteur ingepland voor {day} "
                          "tussen 8 en 12 uur."]},
    "delivery": {"en": ["I've asked the carrier to trace order {order}; you'll have an update "
                        "by {day}."],
                 "nl": ["Ik heb de vervoerder gevraagd bestelling {order} na te gaan; {day} "
                        "hoor je meer."]},
    "broken": {"en": ["I've started a replacement for your {device}; it ships today."],
               "nl": ["Ik heb een vervangend toestel aangevraagd; het gaat vandaag de deur "
                      "uit."]},
    "callback": {"en": ["I've put in an urgent call back request; a colleague will call you "
                        "today."],
                 "nl": ["Ik heb een spoedterugbelverzoek ingediend; een collega belt je "
                        "vandaag."]},
    "porting": {"en": ["I've asked our porting team to push the transfer through today."],
                "nl": ["Ik heb ons nummerbehoudteam gevraagd de overzetting vandaag af te "
                       "ronden."]},
}
FIXED = {
    "en": ["The fault is fixed; could you restart your modem to check?",
           "Thanks for your patience. The line is working again on our side.",
           "We've credited {amount} to your next bill as an apology for the trouble."],
    "nl": ["De storing is verholpen; wil je je modem even opnieuw opstarten?",
           "Dank voor je geduld. De lijn werkt aan onze kant weer.",
           "Als excuus voor het ongemak hebben we {amount} op je volgende factuur "
           "gecrediteerd."],
}
CREDITED = {
    "en": ["We've credited {amount} to your next bill.",
           "I've corrected your bill; the {amount} is refunded."],
    "nl": ["We hebben {amount} op je volgende factuur gecrediteerd.",
           "Ik heb je factuur gecorrigeerd; de {amount} wordt teruggestort."],
}
RESOLVE = {
    "outage": FIXED, "mobile": FIXED, "speed": FIXED, "billing": CREDITED,
    "roaming": CREDITED,
    "refund": {"en": ["Good news: the refund of {amount} was sent today."],
               "nl": ["Goed nieuws: de {amount} is vandaag teruggestort."]},
    "cancel": {"en": ["Your cancellation is processed; the {amount} charged since then is "
                      "refunded."],
               "nl": ["Je opzegging is verwerkt; de {amount} die daarna is afgeschreven "
                      "storten we terug."]},
    "delivery": {"en": ["Your {product} turned up at the depot and will be delivered {day}.",
                        "We've sent you a new {product}; you'll have it {day}."],
                 "nl": ["Je {product} is teruggevonden in het depot en wordt {day} bezorgd.",
                        "We hebben een nieuwe {product} verstuurd; {day} heb je hem."]},
    "technician": {"en": ["The technician is confirmed for {day} between 8 and 12; you'll "
                          "get a text the evening before."],
                   "nl": ["De monteur komt {day} tussen 8 en 12 uur; je krijgt de avond "
                          "ervoor een sms."]},
    "broken": {"en": ["Your replacement {device} is on its way; you'll have it {day}."],
               "nl": ["Je vervangende {device} is onderweg; {day} heb je hem."]},
    "callback": {"en": ["A colleague from our second line will call you {day} morning."],
                 "nl": ["Een collega van de tweede lijn belt je {day}ochtend."]},
    "porting": {"en": ["The transfer is done; your number works on Velder from now on."],
                "nl": ["De overzetting is klaar; je nummer werkt vanaf nu bij Velder."]},
}
SORRY_AGAIN = {"en": ["Sorry it's taking this long, {name}. ", "Apologies, {name}. ", ""],
               "nl": ["Sorry dat het zo lang duurt, {name}. ", "Excuses, {name}. ", ""]}
REFUND_PROMISE = {  # some resolutions promise a refund time, which can contradict
    "en": [" It will be on your account within 14 days.",
           " It will be on your account within 7 working days."],
    "nl": [" Het staat binnen 14 dagen op je rekening.",
           " Het staat binnen 7 werkdagen op je rekening."],
}
PRAISE_REPLY = {
    "en": ["Thanks {name}, happy to help! ❤️", "Great to hear, {name}! Enjoy it.",
           "Thank you, {name}! I'll pass it on to the team.", "Made our day, {name} 😊"],
    "nl": ["Dank je, {name}, graag gedaan! ❤️", "Wat leuk om te horen, {name}! Veel plezier.",
           "Dank je wel, {name}! Ik geef het door aan het team.", "Daar worden we blij van 😊"],
}
ANSWER_WRAP = {
    "en": ["Hi {name}! {answer}", "Hello {name}! {answer} Anything else we can help with?",
           "{answer} Hope that helps, {name}!", "Good question, {name}. {answer}"],
    "nl": ["Hoi {name}! {answer}", "Hallo {name}! {answer} Kunnen we je nog ergens mee "
           "helpen?", "{answer} Hopelijk helpt dit, {name}!", "Goede vraag, {name}. {answer}"],
}
EMAIL_OPEN = {"en": ["Dear {name},\n\n", "Hello {name},\n\n"],
              "nl": ["Beste {name},\n\n", "Hallo {name},\n\n"]}
EMAIL_THANKS = {"en": ["Thank you for your message. ", "Thank you for contacting us. ",
                       "Sorry for the late reply. "],
                "nl": ["Bedankt voor je bericht. ", "Dank voor je e-mail. ",
                       "Sorry voor de late reactie. "]}
EMAIL_CLOSE = {"en": "\n\nKind regards,\n{agent}\nVelder Customer Service",
               "nl": "\n\nMet vriendelijke groet,\n{agent}\nKlantenservice Velder"}
CUSTOMER_OPEN = {"en": ["Dear Velder,\n\n", "Hello,\n\n", "To whom it may concern,\n\n", "Hi,\n\n"],
                 "nl": ["Beste Velder,\n\n", "Geachte heer/mevrouw,\n\n", "Hallo,\n\n",
                        "Beste klantenservice,\n\n"]}
CUSTOMER_CLOSE = {"en": ["\n\nKind regards,\n{full}", "\n\nThanks,\n{first}",
                         "\n\nRegards,\n{full}\n{phone}"],
                  "nl": ["\n\nMet vriendelijke groet,\n{full}", "\n\nGroet,\n{first}",
                         "\n\nMvg,\n{full}\nTel. {phone}"]}
CALL_IN = {"en": ["Caller: ", "Customer calls: ", "Call: "],
           "nl": ["Klant belt: ", "Beller: ", "Telefoon: "]}
CALL_OUT = {
    "en": ["Checked the line and explained the status.", "Promised a call back within 24 hours.",
           "Created ticket {ticket}; customer will get an e-mail.",
           "Escalated to second line.", "Gave the answer and confirmed by SMS.",
           "Customer not satisfied, transferred to a supervisor."],
    "nl": ["Lijn doorgemeten en status uitgelegd.", "Terugbelverzoek binnen 24 uur beloofd.",
           "Ticket {ticket} aangemaakt; klant krijgt een e-mail.",
           "Doorgezet naar de tweede lijn.", "Antwoord gegeven en per sms bevestigd.",
           "Klant niet tevreden, doorverbonden met een teamleider."],
}
WEBFORM_SUBJECT = {"en": "Subject: {subject}\n\n", "nl": "Onderwerp: {subject}\n\n"}
SUBJECTS = {"en": {"complaint": ["Complaint", "Problem with my service", "Still not solved"],
                   "question": ["Question", "Information request"], "praise": ["Compliment"],
                   "noise": ["Business proposal"]},
            "nl": {"complaint": ["Klacht", "Probleem met mijn dienst", "Nog steeds niet opgelost"],
                   "question": ["Vraag", "Informatie"], "praise": ["Compliment"],
                   "noise": ["Zakelijk voorstel"]}}


# ---------------------------------------------------------------------------------------------
# Customers, cases, messages.

PUBLIC = ("x", "facebook", "instagram")
CHANNELS = ["x", "x_dm", "facebook", "instagram", "whatsapp", "email", "web_form", "chat",
            "phone"]
CHANNEL_WEIGHTS = [26, 5, 12, 8, 8, 16, 7, 10, 8]
KINDS = ["complaint", "question", "praise", "noise"]
KIND_WEIGHTS = {  # complaint, question, praise, noise
    "x": [50, 20, 12, 18], "facebook": [50, 20, 12, 18], "instagram": [45, 18, 17, 20],
    "x_dm": [55, 35, 6, 4], "whatsapp": [55, 35, 6, 4], "email": [58, 30, 4, 8],
    "web_form": [55, 35, 4, 6], "chat": [55, 42, 3, 0], "phone": [70, 30, 0, 0],
}
HANDLE_KIND = {"x": "x", "x_dm": "x", "facebook": "facebook", "instagram": "instagram",
               "whatsapp": "phone", "phone": "phone", "email": "email", "web_form": "email",
               "chat": "chat"}
# Journeys of customers who try several channels, one case each.
JOURNEYS = [("email", "phone", "x"), ("email", "x"), ("web_form", "chat"), ("chat", "x"),
            ("whatsapp", "email"), ("phone", "facebook"), ("email", "phone"),
            ("web_form", "phone", "instagram"), ("x", "email")]


def _clean(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() and c.isascii())


class Customer:
    """One invented person with a handle per channel kind."""

    __slots__ = ("lang", "first", "last", "zone", "reach", "_handles", "serial", "rng")

    def __init__(self, rng: random.Random, serial: int, lang: str) -> None:
        self.rng = rng
        self.serial = serial
        self.lang = lang
        self.first = rng.choice(FIRST[lang])
        self.last = rng.choice(LAST[lang])
        if lang == "nl":
            self.zone = "ams"
        else:
            self.zone = rng.choices(["utc", "lon", "ams", "nyc", "kol"], [35, 30, 20, 10, 5])[0]
        reach = int(rng.lognormvariate(math.log(150), 1.8))
        self.reach = min(max(reach, 0), 28000)
        self._handles: dict[str, str] = {}

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def handle(self, kind: str) -> str:
        """The raw handle for a kind, made once and kept."""
        value = self._handles.get(kind)
        if value is None:
            value = self._make(kind)
            self._handles[kind] = value
        return value

    def _make(self, kind: str) -> str:
        rng = self.rng
        first, last = _clean(self.first), _clean(self.last)
        tag = format(self.serial, "x")
        if kind == "x":
            style = rng.randrange(4)
            base = [first + last, f"{first}_{last}", first[0] + last, f"{first}{last[:3]}"][style]
            return "@" + (base[: 14 - len(tag)] + "_" + tag if rng.random() < 0.5 else
                          base[:15 - len(tag)] + tag)
        if kind == "instagram":
            base = rng.choice([f"{first}.{last}", f"{first}_{last}", f"{first}.travels",
                               f"the.{first}.{last}"])
            return "@" + base[: 29 - len(tag)] + "." + tag
        if kind == "facebook":
            return rng.choice([f"{first}.{last}.{tag}", f"{first}{last}{tag}"])
        if kind == "email":
            domain = rng.choice(MAIL_DOMAINS)
            return rng.choice([f"{first}.{last}{tag}", f"{first[0]}{last}.{tag}",
                               f"{first}{tag}"]) + "@" + domain
        if kind == "phone":
            digits = f"{self.serial * 7919 % 100000000:08d}"
            if self.lang == "nl" or self.zone == "ams":
                return rng.choice([f"+31 6 {digits[:4]} {digits[4:]}", f"+316{digits}",
                                   f"+31 (0)6 {digits[:2]} {digits[2:5]} {digits[5:]}",
                                   f"0031 6 {digits}"])
            if self.zone == "nyc":
                return f"+1 {200 + int(digits[:3]) % 700} 555 {digits[4:]}"
            return f"+44 7{digits[:3]} {digits[3:]}{self.serial % 10}"
        return f"visitor-{tag}"  # chat without an address

    @property
    def email(self) -> str:
        return self.handle("email")

    @property
    def phone(self) -> str:
        return self.handle("phone")

    def author(self, channel: str) -> str:
        """How the customer appears as author on `channel`."""
        if channel == "chat":
            return self.email if self.serial % 3 else self.handle("chat")
        raw = self.handle(HANDLE_KIND[channel])
        first = _clean(self.first)
        if channel in ("x", "x_dm") and self.serial % 4 == 0 and raw[1:].startswith(first):
            return "@" + self.first + raw[1 + len(first):]  # "@Ann..." casing
        if channel == "email" and self.serial % 3 == 0:
            return f"{self.full} <{raw}>"
        return raw


def normalized(kind: str, raw: str) -> str:
    """The text form of a handle as webcare normalizes it (only for the forms made above)."""
    if kind == "email":
        return "email:" + raw.lower()
    if kind == "phone":
        text = raw.replace("(0)", "")
        digits = "".join(c for c in text if c.isdigit())
        if text.startswith("00"):
            digits = digits[2:]
        return "phone:+" + digits
    if kind in ("x", "instagram"):
        return f"{kind}:" + raw.lstrip("@").lower()
    if kind == "facebook":
        return "facebook:" + raw.replace(".", "").lower()
    return f"{kind}:{raw}"


class Msg:
    """A message waiting to be written."""

    __slots__ = ("ts", "seq", "channel", "inbound", "author", "text", "parent", "case", "zone",
                 "reach", "promoted", "mid", "links")

    def __init__(self, ts: int, seq: int, channel: str, inbound: bool, author: str, text: str,
                 parent: "Msg | None", case: str, zone: str, reach: int | None,
                 promoted: bool) -> None:
        self.ts = ts
        self.seq = seq
        self.channel = channel
        self.inbound = inbound
        self.author = author
        self.text = text
        self.parent = parent
        self.case = case
        self.zone = zone
        self.reach = reach
        self.promoted = promoted
        self.mid = ""
        self.links: list[tuple[str, str, str]] | None = None

    def __lt__(self, other: "Msg") -> bool:
        return (self.ts, self.seq) < (other.ts, other.seq)


class Case:
    """A planned conversation: who, where, when, about what."""

    __slots__ = ("start", "customer", "channel", "kind", "topic", "history", "link_from",
                 "cid", "special")

    def __init__(self, start: int, customer: Customer, channel: str, kind: str, topic: str,
                 history: int = 0, link_from: "Case | None" = None,
                 special: str = "") -> None:
        self.start = start
        self.customer = customer
        self.channel = channel
        self.kind = kind
        self.topic = topic
        self.history = history  # how many earlier contacts about this on other channels
        self.link_from = link_from  # the same customer's previous contact about this
        self.cid = ""
        self.special = special


# ---------------------------------------------------------------------------------------------
# The generator.

class Generator:
    """Makes cases week by week and writes their messages in time order."""

    CASES_PER_WEEK = 740

    def __init__(self, seed: int, weeks: int, write: Callable[[Msg], None],
                 write_link: Callable[[str, str, str], None] | None) -> None:
        self.rng = random.Random(seed)
        self.weeks = weeks
        self.write = write
        self.write_link = write_link
        self.seq = 0
        self.next_mid = 1
        self.next_cid = 1
        self.next_customer = 1
        self.pending: list[Msg] = []
        self.future: list[tuple[int, int, Case]] = []  # later steps of journeys
        self.recent: deque[Customer] = deque(maxlen=4000)
        self._slots: dict[str, Slots] = {}
        self.hero_email = ""
        self.last_answer = ""

    # -- top level --------------------------------------------------------------------------

    def run(self) -> None:
        end = week_start(self.weeks)
        for week in range(self.weeks):
            lo, hi = week_start(week), week_start(week + 1)
            cases = self.plan_week(week, lo, hi)
            while self.future and self.future[0][0] < hi:
                cases.append(heapq.heappop(self.future)[2])
            cases.sort(key=lambda c: (c.start, c.customer.serial))
            for case in cases:
                case.cid = f"c{self.next_cid:06d}"
                self.next_cid += 1
                self.play(case)
            self.flush(min(hi, end))
        self.pending = []

    def flush(self, limit: int) -> None:
        pending = self.pending
        while pending and pending[0].ts < limit:
            msg = heapq.heappop(pending)
            msg.mid = f"m{self.next_mid:07d}"
            self.next_mid += 1
            self.write(msg)
            if msg.links and self.write_link is not None:
                for a, b, evidence in msg.links:
                    self.write_link(a, b, evidence.replace("{mid}", msg.mid))
            msg.parent = None  # nothing later needs more than the id

    # -- planning ---------------------------------------------------------------------------

    def new_customer(self, lang: str | None = None) -> Customer:
        rng = self.rng
        if lang is None:
            lang = "en" if rng.random() < 0.6 else "nl"
        customer = Customer(rng, self.next_customer, lang)
        self.next_customer += 1
        self.recent.append(customer)
        return customer

    def customer(self) -> Customer:
        if self.recent and self.rng.random() < 0.08:
            return self.rng.choice(self.recent)
        return self.new_customer()

    def inbound_time(self, lo: int, hi: int, zone: str, channel: str) -> int:
        rng = self.rng
        for _ in range(50):
            day = rng.choices(_DAYS, cum_weights=_DAILY_CUM)[0]
            hour = rng.choices(_HOURS, cum_weights=_HOURLY_CUM)[0]
            naive = lo + offset("ams", lo) + day * DAY + hour * HOUR + rng.randrange(HOUR)
            ts = naive - offset(zone, naive - offset(zone, lo))
            if lo <= ts < hi and is_open(channel, ts):
                return ts
        return lo + rng.randrange(hi - lo)

    def plan_week(self, week: int, lo: int, hi: int) -> list[Case]:
        rng = self.rng
        cases: list[Case] = []
        if week == 0:
            cases.extend(self.hero(lo))
        for _ in range(self.CASES_PER_WEEK):
            customer = self.customer()
            if rng.random() < 0.05:
                cases.extend(self.journey(customer, lo, hi))
                continue
            channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
            kind = rng.choices(KINDS, KIND_WEIGHTS[channel])[0]
            topic = (rng.choices(TOPIC_NAMES, TOPIC_WEIGHTS)[0] if kind == "complaint" else
                     rng.choice(QUESTION_NAMES) if kind == "question" else "")
            start = self.inbound_time(lo, hi, customer.zone, channel)
            cases.append(Case(start, customer, channel, kind, topic))
        return cases

    def journey(self, customer: Customer, lo: int, hi: int) -> list[Case]:
        """A customer who tries one channel after another about one complaint."""
        rng = self.rng
        path = rng.choice(JOURNEYS)
        topic = rng.choices(TOPIC_NAMES, TOPIC_WEIGHTS)[0]
        start = self.inbound_time(lo, hi, customer.zone, path[0])
        first = Case(start, customer, path[0], "complaint", topic)
        cases = [first]
        previous = first
        for step, channel in enumerate(path[1:], 1):
            t = previous.start + rng.randrange(6 * HOUR, 3 * DAY)
            for _ in range(72):
                if is_open(channel, t):
                    break
                t += HOUR
            # The link names the previous case, whose id is known once it is played.
            case = Case(t, customer, channel, "complaint", topic, history=step,
                        link_from=previous)
            cases.append(case)
            previous = case
        for case in cases[1:]:
            if case.start >= hi:
                self.seq += 1
                heapq.heappush(self.future, (case.start, self.seq, case))
        return [c for c in cases if c.start < hi]

    def hero(self, lo: int) -> list[Case]:
        """The customer with about 40,000 followers: e-mail on Monday, phone on Wednesday,
        a follow-up e-mail on Thursday, a public post on X on Saturday evening."""
        hero = Customer(self.rng, 0, "nl")
        hero.first, hero.last, hero.reach = "Marloes", "Bakker", 40213
        hero._handles = {"email": "marloes.bakker@example.nl", "phone": "+31 6 4812 7730",
                         "x": "@MarloesBakker"}
        monday = lo
        email = Case(monday + 8 * HOUR + 47 * 60 + 12, hero, "email", "complaint", "outage",
                     special="hero-email")
        phone = Case(monday + 2 * DAY + 12 * HOUR + 10 * 60 + 3, hero, "phone", "complaint",
                     "outage", history=1, special="hero-phone")
        post = Case(monday + 5 * DAY + 21 * HOUR + 47 * 60 + 12, hero, "x", "complaint",
                    "outage", history=2, special="hero-x")
        phone.link_from = email
        post.link_from = email
        return [email, phone, post]

    # -- playing a case ---------------------------------------------------------------------

    def emit(self, ts: int, channel: str, inbound: bool, author: str, text: str,
             parent: Msg | None, case: Case, reach: int | None = None,
             promoted: bool = False) -> Msg:
        self.seq += 1
        zone = case.customer.zone if inbound else "ams"
        msg = Msg(ts, self.seq, channel, inbound, author, text, parent, case.cid, zone, reach,
                  promoted)
        heapq.heappush(self.pending, msg)
        return msg

    def customer_msg(self, ts: int, channel: str, text: str, parent: Msg | None, case: Case,
                     promoted: bool = False) -> Msg:
        reach = case.customer.reach if channel in PUBLIC else None
        return self.emit(ts, channel, True, case.customer.author(channel), text, parent, case,
                         reach, promoted)

    def company_msg(self, ts: int, channel: str, text: str, parent: Msg, case: Case) -> Msg:
        if channel == "chat":
            author = f"agent-{10 + AGENTS.index(self.slots_of(case)['agent'])}"
        else:
            author = BRAND[channel]
        return self.emit(ts, channel, False, author, text, parent, case)

    def slots_of(self, case: Case) -> Slots:
        slots = self._slots.get(case.cid)
        if slots is None:
            self._slots.clear()
            slots = Slots(self.rng, case.customer.lang, case)
            self._slots[case.cid] = slots
        return slots

    def reply_delay(self, channel: str, ts: int) -> int:
        """When the company answers a message sent at `ts` on `channel`."""
        rng = self.rng
        if channel == "chat":
            return ts + rng.randrange(20, 420)
        if channel == "phone":
            return ts + rng.randrange(90, 1100)
        if channel in ("email", "web_form"):
            t = ts + int(min(max(rng.lognormvariate(math.log(22 * HOUR), 0.7), 4 * HOUR),
                             72 * HOUR))
            return next_office_time(t, rng)
        median = 35 * 60 if channel in PUBLIC else 55 * 60
        delay = min(max(rng.lognormvariate(math.log(median), 0.95), 300), 3 * HOUR)
        if rng.random() < 0.04:
            delay = rng.randrange(3 * HOUR, 9 * HOUR)
        t = ts + int(delay)
        if local(t)[1] < 7:  # a small night shift
            t = ts + int(delay * 2.5)
        return t

    def answers(self, case: Case, channel: str, round_: int) -> bool:
        rng = self.rng
        kind = case.kind
        if channel in ("phone", "chat"):
            return round_ == 0 or rng.random() < 0.9
        if channel in ("email", "web_form"):
            return rng.random() < (0.42 if round_ == 0 else 0.5) and kind != "noise"
        p = {"complaint": 0.86, "question": 0.82, "praise": 0.45, "noise": 0.03}[kind]
        return rng.random() < (p if round_ == 0 else 0.75)

    def play(self, case: Case) -> None:
        if case.special.startswith("hero"):
            self.play_hero(case)
            return
        rng = self.rng
        lang = case.customer.lang
        channel = case.channel
        slots = self.slots_of(case)
        first_text = self.opening(case, slots)
        promoted = (channel in PUBLIC and case.kind == "complaint" and rng.random() < 0.04)
        last_in = self.customer_msg(case.start, channel, first_text, None, case, promoted)
        self.attach_link(case, last_in)
        last_out: Msg | None = None
        chases = 0
        for round_ in range(4):
            reply_at = (self.reply_delay(channel, last_in.ts)
                        if self.answers(case, channel, round_) else None)
            if case.kind in ("complaint", "question") and channel not in ("phone", "chat") \
                    and chases < 2 and rng.random() < 0.3:
                wait = (rng.randrange(2 * HOUR, 30 * HOUR) if channel in ("email", "web_form")
                        else rng.randrange(40 * 60, 8 * HOUR))
                if reply_at is None or last_in.ts + wait < reply_at:
                    chases += 1
                    text = self.styled(case, channel, rng.choice(CHASE[lang]).format_map(slots))
                    last_in = self.customer_msg(last_in.ts + wait, channel, text, last_in, case)
                    if reply_at is None:
                        continue
                    reply_at = max(reply_at, last_in.ts + 60)
            if reply_at is None:
                return
            text, ask_dm = self.company_text(case, channel, round_, slots)
            last_out = self.company_msg(reply_at, channel, text, last_in, case)
            # Does the customer answer?
            p_more = {"complaint": 0.55, "question": 0.3, "praise": 0.05, "noise": 0.2}[case.kind]
            if ask_dm:
                p_more = 0.85
            if rng.random() >= p_more or round_ == 3:
                return
            if ask_dm and channel == "x":
                channel = "x_dm"
            gap = (rng.randrange(2 * HOUR, 40 * HOUR) if channel in ("email", "web_form")
                   else rng.randrange(30, 600) if channel in ("chat", "phone")
                   else rng.randrange(120, 4 * HOUR))
            if channel == "phone":  # a call back from the customer is a new call
                gap = rng.randrange(4 * HOUR, 2 * DAY)
                t = last_out.ts + gap
                while not is_open("phone", t):
                    t += HOUR
                gap = t - last_out.ts
            text = self.follow_up(case, channel, round_, ask_dm, slots)
            last_in = self.customer_msg(last_out.ts + gap, channel, text, last_out, case)

    # -- texts ------------------------------------------------------------------------------

    def complaint_text(self, case: Case, slots: Slots, short: bool) -> str:
        rng = self.rng
        lang = case.customer.lang
        core = rng.choice(TOPICS[case.topic][lang]).format_map(slots)
        parts = [core[0].upper() + core[1:]]
        if case.history:
            parts.append(JOURNEY_HISTORY[lang][min(case.history, 2) - 1][
                rng.randrange(len(JOURNEY_HISTORY[lang][0]))].format_map(slots))
        elif rng.random() < 0.35:
            parts.append(rng.choice(HISTORY[lang]).format_map(slots))
        if rng.random() < 0.2:
            parts.append(rng.choice(CONSEQUENCE[lang]))
        roll = rng.random()
        if roll < 0.12:
            parts.append(rng.choice(CHURN[lang]).format_map(slots))
        elif roll < 0.155:
            parts.append(rng.choice(THREAT[lang]))
        if rng.random() < 0.07:
            parts.append(rng.choice(PROFANITY[lang]))
        elif rng.random() < 0.6:
            parts.append(rng.choice(CLOSER[lang]))
        text = " ".join(parts)
        if short and len(text) > 230:
            text = " ".join(parts[:2]) if len(" ".join(parts[:2])) <= 230 else parts[0]
        if short and rng.random() < 0.06:
            text = text.upper()
        return text

    def opening(self, case: Case, slots: Slots) -> str:
        rng = self.rng
        lang = case.customer.lang
        channel = case.channel
        short = channel not in ("email", "web_form", "phone")
        if case.kind == "complaint":
            body = self.complaint_text(case, slots, short)
        elif case.kind == "question":
            opener = rng.choice(QUESTION_OPENERS[lang]).format_map(slots)
            question = rng.choice(QUESTIONS[case.topic]["q"][lang]).format_map(slots)
            if opener and not question.startswith("I "):
                question = question[0].lower() + question[1:]
            body = opener + question
        elif case.kind == "praise":
            body = rng.choice(PRAISE[lang]).format_map(slots)
        else:
            body = rng.choice(NOISE[lang]).format_map(slots)
        return self.styled(case, channel, body, first=True)

    def styled(self, case: Case, channel: str, body: str, first: bool = False,
               angry: bool = True) -> str:
        """Dresses a customer's text for the channel: mentions, hashtags and emoji on social
        channels, greeting and signature in e-mail, call notes on the phone."""
        rng = self.rng
        lang = case.customer.lang
        customer = case.customer
        if channel in PUBLIC:
            if channel == "x" and "@VelderCare" not in body and rng.random() < 0.75:
                body = rng.choice(["@VelderCare ", "", ""]) + body
                if not body.startswith("@"):
                    body += " @VelderCare"
            if case.kind == "complaint" and angry:
                if rng.random() < 0.25:
                    body += " " + rng.choice(HASHTAGS[lang])
                if rng.random() < 0.25:
                    body += " " + rng.choice(ANGRY_EMOJI) * rng.choice((1, 1, 2, 3))
            return body
        if channel in ("email", "web_form"):
            if not first:
                return body + (f"\n\n{customer.first}" if rng.random() < 0.6 else "")
            sig = rng.choice(CUSTOMER_CLOSE[lang]).format(full=customer.full,
                                                          first=customer.first,
                                                          phone=customer.phone)
            text = rng.choice(CUSTOMER_OPEN[lang]) + body + sig
            if channel == "web_form":
                subject = rng.choice(SUBJECTS[lang][case.kind])
                text = WEBFORM_SUBJECT[lang].format(subject=subject) + text
            return text
        if channel == "phone":
            return rng.choice(CALL_IN[lang]) + body
        if channel in ("whatsapp", "x_dm", "chat") and case.kind == "complaint" and angry and \
                rng.random() < 0.15:
            body += " " + rng.choice(ANGRY_EMOJI)
        return body

    def company_text(self, case: Case, channel: str, round_: int,
                     slots: Slots) -> tuple[str, bool]:
        """The company's reply and whether it asks to continue in private."""
        rng = self.rng
        lang = case.customer.lang
        kind = case.kind
        ask = False
        formal = channel in ("email", "web_form")
        if kind == "question":
            facts = QUESTIONS[case.topic]
            other = rng.random() < (0.22 if channel in OTHER_ANSWER_CHANNELS else 0.06)
            answer = rng.choice(facts["other" if other else "answer"][lang])
            self.last_answer = answer
            wrap = "{answer}" if formal else rng.choice(ANSWER_WRAP[lang])
            body = wrap.replace("{answer}", answer).format_map(slots)
        elif kind == "praise":
            body = rng.choice(PRAISE_REPLY[lang]).format_map(slots)
        elif kind == "noise":
            body = {"en": "Thanks for the mention!", "nl": "Bedankt voor het noemen!"}[lang]
        else:
            slots.setdefault("issue", ISSUE[lang][case.topic].format_map(slots))
            if round_ == 0:
                body = rng.choice(EMAIL_ACK[lang] if formal else ACK[lang]).format_map(slots)
                if channel == "x" and rng.random() < 0.45:
                    body += " " + rng.choice(ASK_DM[lang])
                    ask = True
                elif channel in ("facebook", "instagram") and rng.random() < 0.35:
                    body += " " + rng.choice(ASK_PRIVATE[lang])
                elif channel != "phone":
                    options = ACTION[case.topic][lang]
                    action = (rng.choice(options) if rng.random() < 0.7 else
                              rng.choice(ESCALATE[lang]))
                    body += " " + action.format_map(slots)
            else:
                template = rng.choice(RESOLVE[case.topic][lang])
                sorry = "" if formal else rng.choice(SORRY_AGAIN[lang])
                body = (sorry + template).format_map(slots)
                if case.topic in ("refund", "cancel") or (case.topic == "billing" and
                                                          rng.random() < 0.5):
                    promise = REFUND_PROMISE[lang]
                    body += promise[1] if (channel in OTHER_ANSWER_CHANNELS and
                                           rng.random() < 0.35) else promise[0]
        return self.company_dress(case, channel, body, slots), ask

    def company_dress(self, case: Case, channel: str, body: str, slots: Slots) -> str:
        rng = self.rng
        lang = case.customer.lang
        if channel in ("email", "web_form"):
            return (rng.choice(EMAIL_OPEN[lang]).format_map(slots) +
                    rng.choice(EMAIL_THANKS[lang]) + body +
                    EMAIL_CLOSE[lang].format_map(slots))
        if channel == "phone":
            note = rng.choice(CALL_OUT[lang]).format_map(slots)
            if case.kind != "question":
                return note
            return {"en": "Answered: ", "nl": "Beantwoord: "}[lang] + self.last_answer
        
        return body + SIGN[channel].format_map(slots)

    def follow_up(self, case: Case, channel: str, round_: int, ask_dm: bool,
                  slots: Slots) -> str:
        rng = self.rng
        lang = case.customer.lang
        angry = False
        if ask_dm:
            text = rng.choice(DETAILS[lang]).format_map(slots)
        elif case.kind == "question":
            text = rng.choice(CONTRADICTED[lang] if rng.random() < 0.15 else THANKS[lang])
        elif case.kind == "complaint" and round_ == 0 and rng.random() < 0.6:
            text = rng.choice(STILL_BROKEN[lang]).format_map(slots)
            angry = True
        else:
            text = rng.choice(THANKS[lang])
        if channel == "phone":
            return {"en": "Customer calls again: ", "nl": "Klant belt opnieuw: "}[lang] + text
        return self.styled(case, channel, text, angry=angry)

    def attach_link(self, case: Case, msg: Msg, evidence: str = "") -> None:
        """Records, on the message that reveals it, that this contact's handle and the
        previous contact's belong to one person."""
        before = case.link_from
        if not isinstance(before, Case):
            return
        customer = case.customer
        kind_a, kind_b = HANDLE_KIND[before.channel], HANDLE_KIND[case.channel]
        if before.channel == "chat" and customer.serial % 3:
            kind_a = "email"
        if case.channel == "chat" and customer.serial % 3:
            kind_b = "email"
        if kind_a == kind_b:
            return  # the same handle: nothing to link
        a = normalized(kind_a, customer.handle(kind_a))
        b = normalized(kind_b, customer.handle(kind_b))
        if not evidence:
            evidence = self.rng.choice(EVIDENCE).replace("{case}", before.cid).replace(
                "{kind}", kind_a)
        msg.links = [(a, b, evidence)]

    def play_hero(self, case: Case) -> None:
        customer = case.customer
        lang = "nl"
        slots = self.slots_of(case)
        slots.update(ticket="2481907", city="Utrecht", agent="Daan", name="Marloes")
        if case.special == "hero-email":
            self.hero_email = case.cid
            first = self.customer_msg(
                case.start, "email",
                "Beste Velder,\n\nSinds zaterdag heb ik geen internet meer in Utrecht. Het "
                "lampje op het modem knippert rood en opnieuw opstarten helpt niet. Ik werk "
                "thuis en kan zo niet werken. Kunnen jullie zo snel mogelijk een monteur "
                "sturen?\n\nMet vriendelijke groet,\nMarloes Bakker\nTel. +31 6 4812 7730",
                None, case)
            reply = self.company_msg(
                case.start + DAY + 6 * HOUR + 13 * 60 + 40, "email",
                "Beste Marloes,\n\nBedankt voor je bericht. We hebben een storingsticket "
                "aangemaakt onder nummer 2481907. Binnen 3 werkdagen komt er een monteur bij "
                "je langs; je krijgt vooraf een sms met het tijdvak.\n\nMet vriendelijke "
                "groet,\nDaan\nKlantenservice Velder", first, case)
            self.customer_msg(
                case.start + 3 * DAY + 1 * HOUR + 32 * 60 + 8, "email",
                "Nog steeds geen sms ontvangen en geen monteur gezien. Ticket 2481907. "
                "Wanneer komt er iemand?\n\nMarloes", reply, case)
        elif case.special == "hero-phone":
            call = self.customer_msg(
                case.start, "phone",
                "Klant belt: al 5 dagen geen internet in Utrecht, ticket 2481907. Heeft "
                "gemaild, monteur zou binnen 3 werkdagen komen maar niemand heeft contact "
                "opgenomen. Werkt thuis, is boos.", None, case)
            self.attach_link(case, call, "phone number in the signature of the e-mails in "
                             f"case {self.hero_email}; the caller quoted ticket 2481907 ({{mid}})")
            self.company_msg(
                case.start + 11 * 60 + 24, "phone",
                "Lijn doorgemeten: geen signaal op de aansluiting. Terugbelverzoek van de "
                "planning binnen 24 uur beloofd.", call, case)
        else:
            post = self.customer_msg(
                case.start, "x",
                "@VelderCare 7 dagen geen internet. 2x gemaild, 1x gebeld, monteur beloofd "
                "binnen 3 werkdagen, terugbellen binnen 24 uur: NIKS. Ticket 2481907. Ik "
                "werk thuis en verlies elke dag geld. Vanaf maandag zoek ik een andere "
                "provider. #fail", None, case)
            self.attach_link(case, post, f"the post ({{mid}}) quotes ticket 2481907 of case "
                             f"{self.hero_email}, same name")
        del customer, lang


JOURNEY_HISTORY = {
    "en": [["Already emailed you about this.", "Tried the web form first, nothing.",
            "Sent a message on {since} already.", "Second time I'm contacting you about this."],
           ["Emailed AND called, still nothing.", "Third channel I'm trying now.",
            "Called and emailed, got two different answers.", "Tried email, tried the phone."]],
    "nl": [["Heb jullie hier al over gemaild.", "Eerst het webformulier geprobeerd, niks.",
            "Op {since} al een bericht gestuurd.", "Tweede keer dat ik hierover contact opneem."],
           ["Gemaild EN gebeld, nog steeds niks.", "Dit is al het derde kanaal dat ik probeer.",
            "Gebeld en gemaild, twee verschillende antwoorden.", "Mail geprobeerd, telefoon "
            "geprobeerd."]],
}
# Why the desk linked two handles; {mid} is the message that showed it.
EVIDENCE = ["same name and order number as case {case} ({mid})",
            "gave the {kind} handle of case {case} in {mid}",
            "quoted the ticket number of case {case} in {mid}",
            "confirmed in {mid} being the customer of case {case}",
            "{mid} refers to the earlier contact in case {case}"]


# ---------------------------------------------------------------------------------------------
# Output.

FIELDS = ["id", "channel", "direction", "author", "sent_at", "text", "reply_to", "case_id",
          "reach", "promoted"]


def jsonl_writer(out: TextIO) -> Callable[[Msg], None]:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    write = out.write

    def write_msg(m: Msg) -> None:
        line = (f'{{"id": "{m.mid}", "channel": "{m.channel}", "direction": '
                f'"{"inbound" if m.inbound else "outbound"}", "author": {dumps(m.author)}, '
                f'"sent_at": "{stamp(m.ts, m.zone)}", "text": {dumps(m.text)}')
        if m.parent is not None:
            line += f', "reply_to": "{m.parent.mid}"'
        line += f', "case_id": "{m.case}"'
        if m.reach is not None:
            line += f', "reach": {m.reach}'
        if m.promoted:
            line += ', "promoted": true'
        write(line + "}\n")

    return write_msg


def csv_writer(out: TextIO) -> Callable[[Msg], None]:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)

    def write_msg(m: Msg) -> None:
        writer.writerow([m.mid, m.channel, "inbound" if m.inbound else "outbound", m.author,
                         stamp(m.ts, m.zone), m.text,
                         m.parent.mid if m.parent is not None else "", m.case,
                         "" if m.reach is None else m.reach, "true" if m.promoted else "false"])

    return write_msg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " (" + " ".join(__doc__.split("\n\n")[1:2])
        .replace("\n", " ") + ")",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Same seed and options, same bytes. Examples:\n"
               "  python3 examples/data/generate.py --out examples/data/inbox.jsonl "
               "--links examples/data/links.jsonl\n"
               "  python3 examples/data/generate.py --weeks 1000 --out /tmp/inbox-2m.jsonl")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--weeks", type=int, default=1,
                        help="weeks of traffic from Monday 2026-03-23, about 2,000 messages "
                             "each (default 1)")
    parser.add_argument("--out", default="-", help="output file (default: standard output)")
    parser.add_argument("--links", help="also write the links between handles to this file")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl",
                        help="jsonl (default) or csv with the same column names")
    args = parser.parse_args(argv)
    if args.weeks < 1:
        parser.error("--weeks must be at least 1")

    out = (sys.stdout if args.out == "-" else
           open(args.out, "w", encoding="utf-8", newline="\n"))
    links = open(args.links, "w", encoding="utf-8", newline="\n") if args.links else None
    try:
        write = jsonl_writer(out) if args.format == "jsonl" else csv_writer(out)
        write_link = None
        if links is not None:
            link_out = links
            dumps = json.JSONEncoder(ensure_ascii=False).encode

            def write_link(a: str, b: str, evidence: str) -> None:
                link_out.write(f'{{"a": {dumps(a)}, "b": {dumps(b)}, '
                               f'"evidence": {dumps(evidence)}}}\n')

        Generator(args.seed, args.weeks, write, write_link).run()
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
        if links is not None:
            links.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
