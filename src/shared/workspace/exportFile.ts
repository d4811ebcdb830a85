/**
 * The workspace export file: what "Export" writes and "Import" reads. The
 * reader treats the file as hostile input (it may come from anyone on a team):
 * size and depth are capped before parsing, keys that could pollute an object
 * prototype are refused wherever they appear, and the schema is strict, so an
 * unknown key is an error rather than something carried along unseen.
 */
import { z } from 'zod';
import { MAX_EXPORT_CHARS, MAX_EXPORT_TEXT } from '../limits';
import { WORKSPACE_LIMITS, workspaceSchema, type Workspace } from './workspace';

export const EXPORT_FORMAT = 'chime-endpoint-workbench/workspaces';
export const EXPORT_VERSION = 1;
/** Export refuses to write more than this, so every export can be imported (src/shared/limits.ts). */
export const MAX_IMPORT_BYTES = MAX_EXPORT_CHARS;
const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.number().int().nonnegative(),
  /** Whether device tokens were kept; a file for sharing has them emptied. */
  includesDeviceTokens: z.boolean(),
  workspaces: z.array(workspaceSchema).min(1).max(WORKSPACE_LIMITS.workspaces),
});

export type ExportFile = z.infer<typeof exportFileSchema>;

export interface ImportSummary {
  readonly imported: readonly { readonly id: string; readonly name: string; readonly renamedFrom?: string }[];
  /** Ids that were already taken and were replaced with new ones. */
  readonly reassignedIds: number;
  readonly devicesWithoutToken: number;
}

/** `a.b[2].c`, the way a developer would write the path in code. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(file)' : out;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Finds the first forbidden key or over-deep nesting, walking without recursion limits of its own. */
function findHostileShape(value: unknown): string | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length > MAX_DEPTH) return `${formatPath(path)}: nested too deeply`;
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return `${formatPath([...path, key])}: forbidden key`;
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

/** zod says "Invalid input: expected string, received number"; the path already says where. */
function issueText(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
  return `${formatPath(issue.path)}: ${message}`;
}

/**
 * Parses and validates untrusted JSON text against a schema. Never throws;
 * problems name the path ("workspaces[0].devices[2].deviceToken: expected
 * string, received number"), first ten only.
 */
export function parseUntrustedJson<T>(text: string, schema: z.ZodType<T>): ParseOutcome<T> {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, problems: [`(file): larger than ${MAX_EXPORT_TEXT}`] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`(file): not valid JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'})`] };
  }
  const hostile = findHostileShape(raw);
  if (hostile) return { ok: false, problems: [hostile] };
  return validateUntrusted(raw, schema);
}

export function validateUntrusted<T>(raw: unknown, schema: z.ZodType<T>): ParseOutcome<T> {
  const hostile = findHostileShape(raw);
  if (hostile) return { ok: false, problems: [hostile] };
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.slice(0, 10).map(issueText) };
}

export function parseExportFile(text: string): ParseOutcome<ExportFile> {
  return parseUntrustedJson(text, exportFileSchema);
}

export function makeExportFile(workspaces: readonly Workspace[], includesDeviceTokens: boolean, exportedAt: number): ExportFile {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, includesDeviceTokens, workspaces: [...workspaces] };
}
