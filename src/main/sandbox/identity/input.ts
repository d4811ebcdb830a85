/**
 * Builds an operation's input from where the model binds each member (path
 * label, query string, JSON body) and validates it with the shared schemas,
 * so every constraint is declared once in src/shared/chime/shapes.ts.
 *
 * Like the real service, members the model does not know are ignored at any
 * depth (forward compatibility with newer SDKs), never stored.
 */
import { OPERATIONS, type OperationName } from '../../../shared/chime/operations';
import { describeIssues, validateOperationInput } from '../../../shared/chime/schema';
import { badRequest } from '../core/errors';

const DECIMAL = /^-?\d+$/;

export function buildInput(
  operation: OperationName,
  labels: Readonly<Record<string, string>>,
  query: URLSearchParams,
  body: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(OPERATIONS[operation].input)) {
    const wire = 'wireName' in member ? member.wireName : name;
    let value: unknown;
    if (member.in === 'label') {
      // An empty label (`/app-instance-users//endpoints`) counts as missing.
      value = labels[wire] || undefined;
    } else if (member.in === 'query') {
      const text = query.get(wire) ?? undefined;
      // Integers arrive as decimal strings; anything else is left for the schema to refuse.
      value = text !== undefined && member.shape.kind === 'integer' && DECIMAL.test(text) ? Number(text) : text;
    } else if (Object.hasOwn(body, name)) {
      value = body[name];
    }
    if (value !== undefined && value !== null) input[name] = value;
  }
  return input;
}

export function validateInput(operation: OperationName, input: Record<string, unknown>): Record<string, unknown> {
  const result = validateOperationInput(operation, input, 'strip');
  if (!result.ok) throw badRequest(describeIssues(result.issues));
  return result.value;
}

export { parseBody } from '../core/body';
