/**
 * Lone UTF-16 surrogates pass every zod string schema, then break later: the
 * SDK's encodeURIComponent throws URIError for a path or query member, and a
 * JSON body turns them into U+FFFD, so the service would store something other
 * than what was sent. The IPC boundary refuses them (keys and values, at any
 * depth) before the schema runs. Iterative, so a deeply nested payload cannot
 * overflow the stack.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The dotted path (1-based list indices, as validation issues name members) of the first malformed string, or undefined. */
export function findMalformedUnicode(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) return path;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((member, i) => stack.push({ value: member, path: join(path, String(i + 1)) }));
      continue;
    }
    for (const [key, member] of Object.entries(current)) {
      if (!isWellFormedText(key)) return join(path, '(a member name)');
      stack.push({ value: member, path: join(path, key) });
    }
  }
  return undefined;
}

const join = (path: string, segment: string) => (path ? `${path}.${segment}` : segment);
