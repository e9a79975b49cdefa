// Speed of webcare's classifier from Node against the npm sentiment scorers `sentiment` and
// `wink-sentiment`, on the same messages (issue 5, item 6).
//
// The messages are generated here with the same seeded generator and sentences as the Rust
// side-by-side program (benches/src/texts.rs), so the texts are the same: tweet-length
// messages and 2-5 KB emails in English and Dutch. The peers are optional (not
// dependencies) and skipped with a message when they are not installed:
//
//   cd bindings-node && npx napi build --platform --release --js index.js --dts index.d.ts
//   npm install --no-save sentiment wink-sentiment      # optional peers
//   node benches/classify_speed.mjs [--tweets N] [--emails N] [--rounds R]
//
// Cases: webcare `classifyBatch` (all cores for the classifying; the results are turned into
// JS objects on the calling thread), webcare `classify` called per message, `sentiment`
// (`new Sentiment().analyze`) and `wink-sentiment` per message, both on one core. Every case
// runs once per round, rounds interleaved, and the median round is reported. A ratio is
// webcare's rate / the peer's rate (above 1: webcare is faster).
//
// Per core: `RAYON_NUM_THREADS=1 node benches/classify_speed.mjs` runs `classifyBatch` on
// one core (the classifying thread pool then has one thread), for the per-core comparison.
import { performance } from 'node:perf_hooks'
import os from 'node:os'

import webcare from '../index.js'

const { Classifier } = webcare

const OPENERS = [
  '@acme_support', '@bol_nl', 'Hi team,', 'Hello,', 'Dear customer service,', 'Good morning,',
  'Beste klantenservice,', 'Hallo,', 'Goedemiddag,', '@KPN_webcare',
]
const EN = [
  'I am still waiting for my refund after 6 weeks',
  'my parcel was supposed to arrive on Monday but nothing showed up',
  'the app keeps crashing every time I try to log in',
  'thanks for the quick help yesterday, really great service!',
  'how do I change the delivery address of my order?',
  'our order number is 4471-2209 and the invoice shows the wrong amount',
  'this is the third time I have to explain the same problem to you',
  'the weather in Amsterdam is lovely today',
  'NOT HAPPY AT ALL!!!',
  'love the new update, the dark mode looks great',
  'I have been on hold for 45 minutes and nobody picks up',
  'your engineer promised to come between 8 and 12 but never turned up',
  'if this is not fixed by Friday I am switching to another provider',
  'can you tell me when the store in Utrecht opens again?',
  'the replacement phone arrived with a cracked screen',
  'I was charged twice for the same subscription this month',
  'my internet has been down since Saturday morning',
  'the driver left my package in the rain without ringing the bell',
  'is it possible to cancel my contract online?',
  'much appreciated, the new router works perfectly',
  'I will be contacting my lawyer if I do not hear from you',
  'not impressed with how this was handled, honestly',
  'watching the match tonight with some friends',
  'the chat agent was friendly but could not solve anything',
]
const NL = [
  'ik wacht nog steeds op mijn pakket, al 3 keer gebeld',
  'de monteur zou vandaag komen maar is niet verschenen',
  'echt belachelijk hoe lang dit duurt, ik ga overstappen',
  'bedankt voor de snelle reactie, top geholpen',
  'kan ik mijn abonnement ook online opzeggen?',
  'mijn bestelling zou gisteren geleverd worden maar er is niks gekomen',
  'de factuur klopt niet, er staat een bedrag van 89 euro te veel op',
  'al twee weken geen internet en niemand neemt de telefoon op',
  'ik ben niet blij met de manier waarop dit is afgehandeld',
  'hoe kan ik mijn wachtwoord wijzigen in de app?',
  'wat een fijne service, het probleem was binnen een uur opgelost',
  'jullie hebben me nu al vier keer een nieuwe afspraak beloofd',
  'als dit niet snel wordt opgelost stap ik naar de Consumentenbond',
  'het pakket is bij de buren afgeleverd zonder briefje',
  'waarom is mijn maandbedrag ineens verhoogd?',
  'de nieuwe telefoon werkt prima, dank jullie wel',
  'ik heb twee keer betaald voor dezelfde bestelling',
  'de winkel in Rotterdam was vandaag erg druk',
  'sinds de update doet de app het helemaal niet meer',
  'wanneer krijg ik mijn geld terug?',
  'zeer slecht geregeld, nooit meer bij jullie',
  'de medewerker aan de telefoon was heel vriendelijk',
  'ik heb om 10 uur een afspraak maar niemand komt opdagen',
  'lekker weertje vandaag in Utrecht',
]
const ENDINGS = ['. ', '! ', '? ', '.\n\n', '!! ', '. ']
const SIGN_OFFS = ['#fail', '😡', '🙏', 'Kind regards, Sam']

// xorshift64*, as in benches/src/texts.rs.
const MASK = (1n << 64n) - 1n
function rng(seed) {
  let s = ((BigInt(seed) * 0x9E3779B97F4A7C15n) & MASK) | 1n
  const below = (n) => {
    s ^= s >> 12n
    s = (s ^ (s << 25n)) & MASK
    s ^= s >> 27n
    return Number(((s * 0x2545F4914F6CDD1Dn) & MASK) >> 33n) % n
  }
  return { below, pick: (xs) => xs[below(xs.length)] }
}

// Cuts `s` to at most `max` UTF-8 bytes on a character boundary.
function cut(s, max) {
  const b = Buffer.from(s, 'utf8')
  if (b.length <= max) return s
  let end = max
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--
  return b.subarray(0, end).toString('utf8')
}

function tweet(r) {
  const lang = r.below(2) === 0 ? EN : NL
  let s = r.pick(OPENERS)
  for (let i = 0, k = 1 + r.below(2); i < k; i++) s += ' ' + r.pick(lang) + r.pick(ENDINGS).trimEnd()
  if (r.below(4) === 0) s += ' ' + r.pick(SIGN_OFFS)
  return cut(s, 280)
}

function email(r, size) {
  const lang = r.below(2) === 0 ? EN : NL
  let s = r.pick(OPENERS) + '\n\n'
  while (Buffer.byteLength(s) < size) {
    const sentence = r.pick(lang)
    s += sentence[0].toUpperCase() + sentence.slice(1) + r.pick(ENDINGS)
  }
  return cut(s, size)
}

const tweets = (n, seed) => { const r = rng(seed); return Array.from({ length: n }, () => tweet(r)) }
const emails = (n, seed) => {
  const r = rng(seed)
  return Array.from({ length: n }, () => email(r, 2000 + r.below(3001)))
}

function arg(name, dflt) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : dflt
}

// Runs `f` over all texts repeatedly for at least `minMs` and returns texts per second.
function rate(texts, f, minMs = 300) {
  const t0 = performance.now()
  let n = 0
  let sink = 0
  for (;;) {
    sink += f(texts)
    n += texts.length
    const took = performance.now() - t0
    if (took >= minMs) {
      if (sink === -1) console.log('')
      return (n / took) * 1000
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function optional(name) {
  try {
    const m = await import(name)
    return m.default ?? m
  } catch {
    console.log(`${name}: not installed, skipped (npm install --no-save ${name})`)
    return null
  }
}

const SentimentCtor = await optional('sentiment')
const wink = await optional('wink-sentiment')

const classifier = new Classifier()
const batchCores = process.env.RAYON_NUM_THREADS === '1' ? '1 core' : 'all cores'
const cases = [
  [`webcare classifyBatch (${batchCores})`, (ts) => classifier.classifyBatch(ts).length],
  ['webcare classify per call (1 core)', (ts) => {
    let k = 0
    for (const t of ts) k += classifier.classify(t).label.length
    return k
  }],
]
if (SentimentCtor) {
  const s = new SentimentCtor()
  cases.push(['sentiment (1 core)', (ts) => {
    let k = 0
    for (const t of ts) k += s.analyze(t).score
    return k
  }])
}
if (wink) {
  cases.push(['wink-sentiment (1 core)', (ts) => {
    let k = 0
    for (const t of ts) k += wink(t).score
    return k
  }])
}

function run(what, texts, rounds) {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0)
  for (const [, f] of cases) f(texts.slice(0, 200)) // warm up
  const runs = cases.map(() => [])
  for (let r = 0; r < rounds; r++) cases.forEach(([, f], i) => runs[i].push(rate(texts, f)))
  const rates = runs.map(median)
  console.log(`\n${what}: ${texts.length} messages, ${Math.round(bytes / texts.length)} bytes on average`)
  console.log(`${'case'.padEnd(38)} ${'messages/s'.padStart(14)}`)
  cases.forEach(([name], i) => console.log(`${name.padEnd(38)} ${rates[i].toFixed(0).padStart(14)}`))
  for (let p = 2; p < cases.length; p++) {
    console.log(`  classifyBatch / ${cases[p][0].padEnd(24)} ${(rates[0] / rates[p]).toFixed(2).padStart(7)}x`)
    console.log(`  classify      / ${cases[p][0].padEnd(24)} ${(rates[1] / rates[p]).toFixed(2).padStart(7)}x`)
  }
}

const rounds = arg('--rounds', 5)
const threads = process.env.RAYON_NUM_THREADS ? `, RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS}` : ''
console.log(`classify speed (Node ${process.version}): ${rounds} interleaved rounds, median; ${os.availableParallelism()} cores${threads}`)
run('tweets', tweets(arg('--tweets', 20000), 1), rounds)
run('emails (2-5 KB)', emails(arg('--emails', 1000), 2), rounds)
