/**
 * Routes a request to one of the 30 operations, straight from the OPERATIONS
 * table. ARNs travel as single, percent-encoded path segments (`%3A`, `%2F`),
 * so the raw path is split on `/` first and each segment decoded after; a
 * decoded `/` inside an ARN can then never break the route. Hand-made
 * requests with unencoded ARNs are tolerated: a label starting with `arn:`
 * may span several raw segments.
 */
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../../../shared/chime/operations';

interface Route {
  readonly name: OperationName;
  readonly method: string;
  /** Template segments: a literal, or `{label}`. */
  readonly segments: readonly string[];
  readonly literalQuery: Readonly<Record<string, string>>;
}

export interface RouteMatch {
  readonly operation: OperationName;
  /** Decoded label values by wire name (`appInstanceArn`, `endpointId`…). */
  readonly labels: Readonly<Record<string, string>>;
}

const ROUTES: readonly Route[] = OPERATION_NAMES.map((name) => {
  const op = OPERATIONS[name];
  return {
    name,
    method: op.method,
    segments: op.path.split('/').slice(1),
    literalQuery: 'literalQuery' in op ? op.literalQuery : {},
  };
});

// The tolerant pass tries longer templates first: otherwise `/app-instance-users/{arn}`
// would swallow `…/user/alice/endpoints/e1` whole.
const BY_SPECIFICITY = [...ROUTES].sort((a, b) => b.segments.length - a.segments.length);

const isLabel = (segment: string) => segment.startsWith('{');

/** Undefined when the segment is not valid percent-encoding. */
function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(template: readonly string[], raw: readonly string[], labels: Record<string, string>, tolerant: boolean): boolean {
  if (template.length === 0) return raw.length === 0;
  const [head, ...rest] = template as [string, ...string[]];
  const first = raw[0];
  if (first === undefined) return false;
  if (!isLabel(head)) return decode(first) === head && matchSegments(rest, raw.slice(1), labels, tolerant);
  const name = head.slice(1, -1);
  // Only a literally unencoded ARN may span segments (SDKs always send `arn%3A…`);
  // try the longest span that lets the rest of the template match.
  const maxSpan = tolerant && first.startsWith('arn:') ? raw.length - rest.length : 1;
  for (let span = maxSpan; span >= 1; span--) {
    const value = decode(raw.slice(0, span).join('/'));
    if (value !== undefined && matchSegments(rest, raw.slice(span), labels, tolerant)) {
      labels[name] = value;
      return true;
    }
  }
  return false;
}

export function matchRoute(method: string, rawPath: string, query: URLSearchParams): RouteMatch | undefined {
  const raw = rawPath.split('/').slice(1);
  // Exact segment matches first, so tolerance never steals a well-formed request.
  for (const tolerant of [false, true]) {
    for (const route of tolerant ? BY_SPECIFICITY : ROUTES) {
      if (route.method !== method) continue;
      if (!Object.entries(route.literalQuery).every(([k, v]) => query.get(k) === v)) continue;
      const labels: Record<string, string> = {};
      if (matchSegments(route.segments, raw, labels, tolerant)) return { operation: route.name, labels };
    }
  }
  return undefined;
}
