// Ops of the policy, case and expected modules, through the Node API.
import webcare from '../index.js'

const { Case, Estimator, Policy } = webcare

const policy = (i) => {
  if (i.policy === 'preset') return Policy.preset()
  return Policy.fromJson(typeof i.policy === 'string' ? i.policy : JSON.stringify(i.policy))
}

const iso = (d) => (d instanceof Date ? d.toISOString() : d)
const s = (ms) => (ms === undefined || ms === null ? undefined : Math.trunc(ms / 1000))

function clockJson(c) {
  const out = {
    metric: c.metric,
    state: c.state,
    started_at: iso(c.startedAt),
    target_s: s(c.targetMs),
    calendar: c.calendar,
    elapsed_s: s(c.elapsedMs),
  }
  const opt = {
    due: iso(c.due),
    warn_at: iso(c.warnAt),
    stopped_at: iso(c.stoppedAt),
    business_left_s: s(c.businessLeftMs),
    calendar_left_s: s(c.calendarLeftMs),
    breached_by_s: s(c.breachedByMs),
    breached_by_calendar_s: s(c.breachedByCalendarMs),
  }
  for (const [k, v] of Object.entries(opt)) if (v !== undefined && v !== null) out[k] = v
  return out
}

// Events go in as objects with `at` a Date where it parses as an instant with an offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i
const withDate = (e) => (typeof e.at === 'string' && RFC3339.test(e.at) ? { ...e, at: new Date(e.at) } : e)

function build(i) {
  const c = new Case(policy(i))
  for (const e of i.events ?? []) c.apply(withDate(e))
  const back = Case.fromSnapshot(c.toSnapshot())
  if (!back.equals(c)) throw new Error('snapshot does not restore the case')
  return c
}

const dropNulls = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))

export const OPS = {
  'policy.parse': (i) => {
    const p = policy(i)
    if (!Policy.fromJson(p.toJson()).equals(p)) throw new Error('policy does not round-trip')
    return { policy: JSON.parse(p.toJson()) }
  },
  'policy.duration': (i) => ({ duration_ms: Policy.parseDuration(i.duration) }),
  'policy.select': (i) => {
    const r = policy(i).select({
      channel: i.channel, priority: i.priority, language: i.language, tags: i.tags, contactTags: i.contact_tags,
    })
    const out = { rule: r.rule ?? null, no_rule_matched: r.noRuleMatched }
    if (r.index !== undefined && r.index !== null) out.index = r.index
    return out
  },
  'case.event': (i) => {
    const c = new Case(Policy.preset())
    c.apply(withDate(i.event))
    const snap = JSON.parse(c.toSnapshot())
    return { event: snap.events[0] }
  },
  'case.clocks': (i) => {
    const c = build(i)
    const now = new Date(i.at)
    const r = c.read(now)
    const d = c.nextDeadline(now)
    return {
      status: r.status,
      priority: r.priority,
      rule: r.rule ?? null,
      no_rule_matched: r.noRuleMatched,
      clocks: c.clocks(now).map(clockJson),
      next_deadline: d === null ? null : d.toISOString(),
    }
  },
  'case.explain': (i) => {
    const x = build(i).explain(i.metric, new Date(i.at))
    return {
      metric: x.metric,
      rule: x.rule ?? null,
      no_rule_matched: x.noRuleMatched,
      priority: x.priority,
      instances: x.instances.map((t) => ({
        reading: t.reading ? clockJson(t.reading) : null,
        rule: t.rule ?? null,
        within: t.within ?? null,
        warn: t.warn ?? null,
        kept_s: s(t.keptMs),
        spans: t.spans.map((sp) => ({ from: iso(sp.from), to: iso(sp.to), business_s: s(sp.businessMs) })),
        steps: t.steps.map((st) => dropNulls({
          at: iso(st.at), kind: st.kind, event: st.event, event_type: st.eventType, detail: st.detail,
        })),
        sentence: t.text,
      })),
      sentence: x.text,
    }
  },
  'case.restore': (i) => {
    const c = Case.fromSnapshot(typeof i.snapshot === 'string' ? i.snapshot : JSON.stringify(i.snapshot))
    return { snapshot: JSON.parse(c.toSnapshot()), events: c.eventCount }
  },
  'expected.response_time': (i) => {
    const window = ['last_replies', 'last_hours', 'last_days'].find((k) => k in i)
    const value = i.method === 'percentile' ? i.percentile : i.share
    const est = new Estimator(window, i[window], i.method, value, i.min_samples ?? 5)
    const samples = i.samples.map((x) => ({
      channel: x.channel, customerAt: new Date(x.customer_at), firstReplyAt: new Date(x.first_reply_at),
    }))
    return {
      estimates: est.estimate(samples, new Date(i.at)).map((e) => ({
        channel: e.channel,
        sample_size: e.sampleSize,
        expected_ms: e.timeMs ?? null,
        rounded_ms: e.roundedMs ?? null,
        sentence_en: e.sentenceEn ?? null,
        sentence_nl: e.sentenceNl ?? null,
      })),
    }
  },
}
