/**
 * "Would this message notify this member?" — the one copy of the rule the
 * sandbox's delivery fan-out, the app's FilterRule editor and the doctor use.
 * Pure: no Node, no DOM.
 *
 * From the Chime SDK developer guide ("Using channel flows / filter-msgs"):
 * a member's channel preferences say `AllowNotifications` ALL (the default
 * when none are set), NONE, or FILTERED with a `FilterRule`, a JSON object
 * matched against the message's `MessageAttributes` by exact string:
 *   {"mention":["Bob"]}                       includes: an attribute value equals one listed
 *   {"type":[{"anything-but":["Room"]}]}      excludes: no attribute value is one listed
 *   several keys                              are ANDed
 *   {"$or":[{…},{…}]}                         any one of the constraints (at most 5)
 * Limits: rule ≤ 2 KB, message attributes ≤ 1 KB, complexity (keys + values) ≤ 20.
 *
 * What the guide leaves open, read as SNS filter policies (whose syntax this
 * is): a key the message does not carry fails its condition, `anything-but`
 * included; `$or` may sit beside other keys (ANDed with them).
 */

export const FILTER_RULE_MAX_BYTES = 2048;
export const MESSAGE_ATTRIBUTES_MAX_BYTES = 1024;
export const FILTER_RULE_MAX_OR = 5;
export const FILTER_RULE_MAX_COMPLEXITY = 20;

export type AllowNotifications = 'ALL' | 'NONE' | 'FILTERED';

export type Condition = { readonly kind: 'equals'; readonly values: readonly string[] } | { readonly kind: 'anything-but'; readonly values: readonly string[] };

/** Keys ANDed; each key's conditions ORed (as in SNS: any listed value matches). */
export interface Constraint {
  readonly keys: Readonly<Record<string, readonly Condition[]>>;
  readonly or?: readonly Constraint[];
}

export type MessageAttributes = Readonly<Record<string, { readonly StringValues?: readonly string[] } | undefined>>;

export type ParseResult = { ok: true; rule: Constraint; complexity: number } | { ok: false; error: string };

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function parseConstraint(value: unknown, where: string, allowOr: boolean, count: { n: number }): Constraint {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where} must be a JSON object`);
  const keys: Record<string, Condition[]> = {};
  let or: Constraint[] | undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) throw new Error(`${where} must have at least one key`);
  for (const [key, spec] of entries) {
    if (key === '$or') {
      if (!allowOr) throw new Error(`${where}: "$or" cannot be nested`);
      if (!Array.isArray(spec) || spec.length < 2) throw new Error(`${where}: "$or" needs a list of at least two constraints`);
      if (spec.length > FILTER_RULE_MAX_OR) throw new Error(`${where}: "$or" allows at most ${FILTER_RULE_MAX_OR} constraints, got ${spec.length}`);
      or = spec.map((c, i) => parseConstraint(c, `${where}.$or[${i}]`, false, count));
      continue;
    }
    if (!Array.isArray(spec) || spec.length === 0) throw new Error(`${where}: "${key}" needs a non-empty list of values`);
    count.n++;
    keys[key] = spec.map((item): Condition => {
      if (typeof item === 'string') {
        count.n++;
        return { kind: 'equals', values: [item] };
      }
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const inner = Object.entries(item as Record<string, unknown>);
        const [op, operand] = inner[0] ?? [];
        if (inner.length === 1 && op === 'anything-but') {
          const list = typeof operand === 'string' ? [operand] : operand;
          if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) {
            throw new Error(`${where}: "anything-but" of "${key}" needs a string or a list of strings`);
          }
          count.n += list.length;
          return { kind: 'anything-but', values: list as string[] };
        }
        throw new Error(`${where}: "${key}" has an unsupported operator ${JSON.stringify(op)} (supported: exact strings, "anything-but")`);
      }
      throw new Error(`${where}: "${key}" values must be strings or {"anything-but":[…]}`);
    });
  }
  return { keys, ...(or && { or }) };
}

/** Parses and checks a FilterRule against the documented limits. */
export function parseFilterRule(text: string): ParseResult {
  if (utf8Length(text) > FILTER_RULE_MAX_BYTES) return { ok: false, error: `FilterRule is larger than ${FILTER_RULE_MAX_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'FilterRule is not valid JSON' };
  }
  try {
    const count = { n: 0 };
    const rule = parseConstraint(json, 'FilterRule', true, count);
    if (count.n > FILTER_RULE_MAX_COMPLEXITY) {
      return { ok: false, error: `FilterRule is too complex: ${count.n} keys and values (at most ${FILTER_RULE_MAX_COMPLEXITY})` };
    }
    return { ok: true, rule, complexity: count.n };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Size of MessageAttributes as the limit counts it: keys and values, UTF-8 bytes. */
export function messageAttributesBytes(attributes: MessageAttributes | undefined): number {
  let n = 0;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    n += utf8Length(key);
    for (const v of value?.StringValues ?? []) n += utf8Length(v);
  }
  return n;
}

function conditionHolds(condition: Condition, present: readonly string[] | undefined): boolean {
  if (!present || present.length === 0) return false;
  if (condition.kind === 'equals') return present.some((v) => condition.values.includes(v));
  return present.every((v) => !condition.values.includes(v));
}

export function constraintMatches(rule: Constraint, attributes: MessageAttributes | undefined): boolean {
  for (const [key, conditions] of Object.entries(rule.keys)) {
    const present = attributes?.[key]?.StringValues;
    if (!conditions.some((c) => conditionHolds(c, present))) return false;
  }
  if (rule.or && !rule.or.some((c) => constraintMatches(c, attributes))) return false;
  return true;
}

export interface NotifyDecision {
  readonly notify: boolean;
  /** Plain words: why (for the doctor and the delivery log). */
  readonly reason: string;
}

/**
 * Whether a member with these preferences (undefined: none set, which means
 * ALL) gets a push for a message with these attributes.
 */
export function wouldNotify(
  preferences: { readonly AllowNotifications?: string; readonly FilterRule?: string } | undefined,
  attributes: MessageAttributes | undefined,
): NotifyDecision {
  const allow = preferences?.AllowNotifications ?? 'ALL';
  if (allow === 'ALL') return { notify: true, reason: preferences ? 'preferences allow ALL notifications' : 'no preferences set (ALL)' };
  if (allow === 'NONE') return { notify: false, reason: 'preferences allow NONE' };
  if (allow !== 'FILTERED') return { notify: false, reason: `unknown AllowNotifications ${allow}` };
  if (!preferences?.FilterRule) return { notify: false, reason: 'FILTERED without a FilterRule' };
  const parsed = parseFilterRule(preferences.FilterRule);
  if (!parsed.ok) return { notify: false, reason: `FilterRule invalid: ${parsed.error}` };
  return constraintMatches(parsed.rule, attributes)
    ? { notify: true, reason: 'FilterRule matches the message attributes' }
    : { notify: false, reason: 'FilterRule does not match the message attributes' };
}
