// Ops of the classify module, through the Node API. Signal spans come back as UTF-16
// offsets and are converted to UTF-8 byte offsets here, as the vectors hold them.
import webcare from '../index.js'

const { Classifier } = webcare

const byte = (text, i) => Buffer.byteLength(text.slice(0, i))

function classifier(input) {
  if ('config' in input) return new Classifier(JSON.stringify(input.config))
  if ('config_text' in input) return Classifier.fromJson(input.config_text)
  return new Classifier()
}

function report(text, c) {
  const kinds = [...new Set(c.signals.map((s) => s.kind))].sort()
  return {
    label: c.label,
    language: c.language,
    severity: c.severityLevel,
    kinds,
    has_kind: Object.fromEntries(kinds.map((k) => [k, true])),
    has: Object.fromEntries(c.signals.map((s) => [`${s.kind}@${byte(text, s.start)}..${byte(text, s.end)}`, true])),
  }
}

export const OPS = {
  'classify.one': (i) => report(i.text, classifier(i).classify(i.text, i.context)),
  'classify.bytes': (i) => {
    const data = Buffer.from(i.hex, 'hex')
    return report(data.toString('utf8'), new Classifier().classifyBytes(data, i.context))
  },
  'classify.config': (i) => {
    const written = classifier(i).toJson()
    return { config: JSON.parse(written), round_trips: Classifier.fromJson(written).toJson() === written }
  },
  'classify.train': (i) => {
    const c = Classifier.train(i.texts, i.labels, i.options === undefined ? undefined : JSON.stringify(i.options))
    const reloaded = Classifier.fromJson(c.toJson())
    return {
      labels: c.classifyBatch(i.check).map((r) => r.label),
      reloads_identically: i.check.every((t) => JSON.stringify(reloaded.classify(t)) === JSON.stringify(c.classify(t))),
    }
  },
}
