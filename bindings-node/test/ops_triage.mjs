// Ops of the triage module, through the Node API.
import webcare from '../index.js'

const { Classifier, Triager, classificationFromJson, messageFromJson } = webcare

function triager(input) {
  if (input.weights === undefined) return new Triager()
  return new Triager(typeof input.weights === 'string' ? input.weights : JSON.stringify(input.weights))
}

function one(input) {
  const t = triager(input)
  const message = messageFromJson(JSON.stringify(input.message))
  const classification = 'classification' in input
    ? classificationFromJson(JSON.stringify(input.classification))
    : new Classifier().classify(message.text)
  const r = t.triage(message, classification, {
    now: new Date(input.now),
    earlierChannels: input.earlier_channels,
    unresolvedSince: input.unresolved_since === undefined ? undefined : new Date(input.unresolved_since),
    slaLeftMs: input.sla_left_ms,
    slaTargetMs: input.sla_target_ms,
  })
  return {
    priority: r.priority,
    score: r.score,
    reasons: r.reasons,
    points: Object.fromEntries(r.reasons.map((x) => [x.kind, x.points])),
    advice: r.advice,
    advice_kinds: r.advice.map((a) => a.kind),
    language: r.language,
  }
}

function weights(input) {
  const written = triager(input).toJson()
  return { weights: JSON.parse(written), round_trips: Triager.fromJson(written).toJson() === written }
}

export const OPS = {
  'triage.one': one,
  'triage.weights': weights,
}
