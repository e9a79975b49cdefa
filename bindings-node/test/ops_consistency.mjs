// Ops of the consistency module, through the Node API. Spans come back as UTF-16 offsets;
// the vectors pin UTF-8 byte offsets, so they are converted back here.
import webcare from '../index.js'

const { ConsistencyChecker, extractFacts } = webcare

const byte = (text, i) => Buffer.byteLength(text.slice(0, i))

// A vector's instant with an offset as a Date; anything else (a naive or garbage time)
// stays text, for core to refuse with its own code.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i
const at = (value) => (typeof value === 'string' && RFC3339.test(value) ? new Date(value) : value)

const withRole = (out, role) => (role === undefined ? out : { ...out, role })

function check(input) {
  const checker = input.options === undefined ? new ConsistencyChecker() : ConsistencyChecker.fromJson(JSON.stringify(input.options))
  const answers = input.answers.map((a) => ('at' in a ? { ...a, at: at(a.at) } : a))
  const texts = answers.map((a) => a.answer ?? '')
  const report = checker.check(answers)
  return {
    groups: report.groups.map((g) => {
      const group = {
        answers: g.answers,
        channels: g.channels,
        verdict: g.verdict,
        conflicts: g.conflicts.map((c) =>
          withRole(
            {
              kind: c.kind,
              answers: c.answers,
              channels: c.channels,
              values: c.values,
              spans: c.spans.map(([s, e], side) => [byte(texts[c.answers[side]], s), byte(texts[c.answers[side]], e)]),
            },
            c.role,
          ),
        ),
        gaps: g.gaps.map((gap) => withRole({ kind: gap.kind, value: gap.value, missing_in: gap.missingIn, channels: gap.channels }, gap.role)),
      }
      return g.topic === undefined ? group : { ...group, topic: g.topic }
    }),
    rate: report.rate,
    pairs: report.pairs,
  }
}

export const OPS = {
  'consistency.check': check,
  'consistency.facts': (i) => ({
    facts: extractFacts(i.text).map((f) => withRole({ kind: f.kind, value: f.value, start: byte(i.text, f.start), end: byte(i.text, f.end) }, f.role)),
  }),
}
