/**
 * zod schemas built from the declared shapes: the one validator the sandbox,
 * the IPC boundary and the forms share. Messages follow the service's own
 * wording ("Value at 'Tags.1.Key' failed to satisfy constraint: …") so a
 * developer sees the same sentence whether the form, main or the server
 * refused the value.
 */
import { z } from 'zod';
import { OPERATIONS, type OperationName, type OperationMember } from './operations';
import type { Shape, StringShape, IntegerShape, Member } from './shapes';

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function stringSchema(shape: StringShape): z.ZodType<string> {
  let schema: z.ZodType<string> = z.string({ error: 'Member must be a string' });
  const { min, max, pattern, contains, patternHint } = shape;
  if (min !== undefined && min > 0) {
    schema = schema.refine((s) => codePoints(s) >= min, {
      message: `Member must have length greater than or equal to ${min}`,
    });
  }
  if (max !== undefined) {
    schema = schema.refine((s) => codePoints(s) <= max, {
      message: `Member must have length less than or equal to ${max}`,
    });
  }
  if (pattern) {
    schema = schema.refine((s) => pattern.test(s), {
      message: `Member must satisfy regular expression pattern: ${patternHint ?? pattern.source}`,
    });
  }
  if (contains) {
    schema = schema.refine((s) => contains.test(s), {
      message: `Member must contain ${patternHint ?? contains.source}`,
    });
  }
  return schema;
}

function integerSchema(shape: IntegerShape): z.ZodType<number> {
  let schema = z.number({ error: 'Member must be a number' }).int({ message: 'Member must be an integer' });
  if (shape.min !== undefined) {
    schema = schema.min(shape.min, { message: `Member must have value greater than or equal to ${shape.min}` });
  }
  if (shape.max !== undefined) {
    schema = schema.max(shape.max, { message: `Member must have value less than or equal to ${shape.max}` });
  }
  return schema;
}

/**
 * What to do with members the model does not declare: the app's own IPC and
 * forms refuse them ('reject'); the sandbox ignores them at every depth
 * ('strip'), as AWS services do so that newer SDKs keep working.
 */
export type UnknownMembers = 'reject' | 'strip';

const caches: Record<UnknownMembers, WeakMap<Shape, z.ZodType>> = { reject: new WeakMap(), strip: new WeakMap() };

export function shapeSchema(shape: Shape, unknown: UnknownMembers = 'reject'): z.ZodType {
  const cache = caches[unknown];
  const hit = cache.get(shape);
  if (hit) return hit;
  const built = buildShapeSchema(shape, unknown);
  cache.set(shape, built);
  return built;
}

function buildShapeSchema(shape: Shape, unknown: UnknownMembers): z.ZodType {
  switch (shape.kind) {
    case 'string':
      return stringSchema(shape);
    case 'integer':
      return integerSchema(shape);
    case 'enum':
      return z.enum(shape.values as [string, ...string[]], {
        error: `Member must satisfy enum value set: [${shape.values.join(', ')}]`,
      });
    case 'list': {
      let list = z.array(shapeSchema(shape.member, unknown), { error: 'Member must be a list' });
      if (shape.min !== undefined) {
        list = list.min(shape.min, { message: `Member must have length greater than or equal to ${shape.min}` });
      }
      if (shape.max !== undefined) {
        list = list.max(shape.max, { message: `Member must have length less than or equal to ${shape.max}` });
      }
      return list;
    }
    case 'structure':
      return membersSchema(shape.members, unknown);
  }
}

/**
 * An object of the declared members. Unknown keys are refused or dropped,
 * never kept, which also keeps `__proto__` and friends out.
 */
export function membersSchema(members: Readonly<Record<string, Member | OperationMember>>, unknown: UnknownMembers = 'reject') {
  const entries = Object.entries(members).map(([name, member]) => {
    const schema = shapeSchema(member.shape, unknown);
    return [name, member.required ? schema : schema.optional()] as const;
  });
  const shape = Object.fromEntries(entries);
  if (unknown === 'strip') return z.object(shape, { error: 'Input must be a JSON object' });
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown member: ${cappedList(issue.keys)}`
        : 'Input must be a JSON object',
  });
}

const opCaches: Record<UnknownMembers, Map<OperationName, z.ZodType>> = { reject: new Map(), strip: new Map() };

export function operationInputSchema(op: OperationName, unknown: UnknownMembers = 'reject'): z.ZodType<Record<string, unknown>> {
  const cache = opCaches[unknown];
  let schema = cache.get(op);
  if (!schema) {
    schema = membersSchema(OPERATIONS[op].input, unknown);
    cache.set(op, schema);
  }
  return schema as z.ZodType<Record<string, unknown>>;
}

export interface ValidationIssue {
  /** Dotted member path as the service names it, e.g. `Tags.1.Key` (list indices 1-based). */
  readonly member: string;
  readonly message: string;
}

/** Messages name at most this many items of a list (unknown keys, issues), then "and N more". */
export const MESSAGE_LIST_CAP = 10;
const MESSAGE_ITEM_CHARS = 64;

/** `a, b, c and 49,997 more`, each item cut to 64 characters: a hostile payload cannot make a huge answer. */
export function cappedList(items: readonly PropertyKey[]): string {
  const shown = items.slice(0, MESSAGE_LIST_CAP).map((k) => {
    const text = String(k);
    return text.length > MESSAGE_ITEM_CHARS ? `${text.slice(0, MESSAGE_ITEM_CHARS)}…` : text;
  });
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more` : shown.join(', ');
}

/** What a value is, in the words a message uses: "a number", "an array", "null". */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Issues as the service names them. `input` (what was validated) lets a type
 * mismatch say what came: zod does not keep the received value in its issues.
 * A missing or null required member is "must not be null" (the service's
 * words); any other wrong type says what was expected and what was received.
 * At most MESSAGE_LIST_CAP issues are kept.
 */
export function toValidationIssues(error: z.ZodError, input?: unknown): ValidationIssue[] {
  const issues = error.issues.slice(0, MESSAGE_LIST_CAP).map((issue) => {
    const member = issue.path.map((p) => (typeof p === 'number' ? String(p + 1) : String(p))).join('.');
    if (issue.code !== 'invalid_type') return { member, message: issue.message };
    const received = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(input, issue.path);
    if (received === undefined || received === null) return { member, message: 'Member must not be null' };
    const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
    return { member, message: `${expected}, received ${describeReceived(received)}` };
  });
  const more = error.issues.length - issues.length;
  return more > 0 ? [...issues, { member: '', message: `and ${more.toLocaleString('en-US')} more problems` }] : issues;
}

/** The service's sentence for a set of issues. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  const parts = issues.map((i) => (i.member ? `Value at '${i.member}' failed to satisfy constraint: ${i.message}` : i.message));
  const n = issues.filter((i) => i.member || !i.message.startsWith('and ')).length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validateOperationInput(
  op: OperationName,
  input: unknown,
  unknown: UnknownMembers = 'reject',
): Validation<Record<string, unknown>> {
  const result = operationInputSchema(op, unknown).safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toValidationIssues(result.error, input) };
}

/** Validate one form field against a member shape (forms use this field by field). */
export function validateShapeValue(shape: Shape, value: unknown): string | undefined {
  const result = shapeSchema(shape).safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
