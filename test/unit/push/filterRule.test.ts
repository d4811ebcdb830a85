/** The shared "would this message notify this member?" evaluator. */
import { expect, test } from 'vitest';
import { messageAttributesBytes, parseFilterRule, wouldNotify } from '../../../src/shared/push/filterRule';

const attrs = (o: Record<string, string[]>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { StringValues: v }]));
const filtered = (rule: unknown) => ({ AllowNotifications: 'FILTERED', FilterRule: JSON.stringify(rule) });

test('ALL, no preferences and NONE', () => {
  expect(wouldNotify(undefined, undefined).notify).toBe(true);
  expect(wouldNotify({ AllowNotifications: 'ALL' }, undefined).notify).toBe(true);
  expect(wouldNotify({ AllowNotifications: 'NONE' }, attrs({ mention: ['Bob'] })).notify).toBe(false);
});

test.each([
  ['include matches', { mention: ['Bob'] }, { mention: ['Bob'] }, true],
  ['include matches one of several values', { mention: ['Bob', 'Ann'] }, { mention: ['Ann'] }, true],
  ['include does not match', { mention: ['Bob'] }, { mention: ['Alice'] }, false],
  ['include, attribute missing', { mention: ['Bob'] }, {}, false],
  ['exact string only (case)', { mention: ['Bob'] }, { mention: ['bob'] }, false],
  ['anything-but excludes', { type: [{ 'anything-but': ['Room'] }] }, { type: ['Room'] }, false],
  ['anything-but lets others through', { type: [{ 'anything-but': ['Room'] }] }, { type: ['Direct'] }, true],
  ['anything-but, attribute missing', { type: [{ 'anything-but': ['Room'] }] }, {}, false],
  ['keys are ANDed: both hold', { mention: ['Bob'], type: ['Direct'] }, { mention: ['Bob'], type: ['Direct'] }, true],
  ['keys are ANDed: one fails', { mention: ['Bob'], type: ['Direct'] }, { mention: ['Bob'], type: ['Room'] }, false],
  ['$or: second branch', { $or: [{ mention: ['Bob'] }, { type: ['Direct'] }] }, { type: ['Direct'] }, true],
  ['$or: no branch', { $or: [{ mention: ['Bob'] }, { type: ['Direct'] }] }, { type: ['Room'] }, false],
])('FILTERED: %s', (_name, rule, message, expected) => {
  expect(wouldNotify(filtered(rule), attrs(message)).notify).toBe(expected);
});

test('limits: size, $or count, complexity, syntax', () => {
  expect(parseFilterRule(JSON.stringify({ k: ['x'.repeat(2040)] })).ok).toBe(false);
  const six = Array.from({ length: 6 }, (_, i) => ({ [`k${i}`]: ['v'] }));
  expect(parseFilterRule(JSON.stringify({ $or: six }))).toMatchObject({ ok: false, error: expect.stringMatching(/at most 5/) });
  expect(parseFilterRule(JSON.stringify({ $or: six.slice(0, 5) })).ok).toBe(true);
  // 10 keys with one value each: complexity 20, the limit; one more value is over.
  const twenty = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, ['v']]));
  expect(parseFilterRule(JSON.stringify(twenty))).toMatchObject({ ok: true, complexity: 20 });
  expect(parseFilterRule(JSON.stringify({ ...twenty, k0: ['v', 'w'] }))).toMatchObject({ ok: false, error: expect.stringMatching(/too complex: 21/) });
  expect(parseFilterRule('not json').ok).toBe(false);
  expect(parseFilterRule('[]').ok).toBe(false);
  expect(parseFilterRule('{}').ok).toBe(false);
  expect(parseFilterRule('{"k":[1]}').ok).toBe(false);
  expect(parseFilterRule('{"k":[{"prefix":"a"}]}').ok).toBe(false);
  expect(parseFilterRule('{"$or":[{"$or":[{"a":["b"]},{"c":["d"]}]},{"e":["f"]}]}').ok).toBe(false);
  expect(wouldNotify({ AllowNotifications: 'FILTERED', FilterRule: 'nope' }, undefined)).toMatchObject({ notify: false, reason: expect.stringMatching(/invalid/) });
});

test('message attribute size counts keys and values in UTF-8 bytes', () => {
  expect(messageAttributesBytes(attrs({ ab: ['cd', 'é'] }))).toBe(2 + 2 + 2);
  expect(messageAttributesBytes(undefined)).toBe(0);
});
