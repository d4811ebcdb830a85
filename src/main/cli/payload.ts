/** `--payload JSON_OR_FILE`: inline JSON (starting with `{`) or the path of a JSON file, parsed as the dialog parses its editor. */
import { readFile } from 'node:fs/promises';
import { parsePayloadText } from '../../shared/push/directPush';
import { usageError } from './io';

export async function readPayload(value: string): Promise<Record<string, unknown>> {
  let text = value;
  if (!value.trimStart().startsWith('{')) {
    try {
      text = await readFile(value, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw usageError(`--payload is neither JSON nor a readable file: ${value} (${code ?? 'unreadable'})`);
    }
  }
  const parsed = parsePayloadText(text);
  if (!parsed.ok) throw usageError(`--payload: ${parsed.message}`);
  return parsed.value;
}
