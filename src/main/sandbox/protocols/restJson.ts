/**
 * REST-JSON straight from an official service model (botocore's
 * service-2.json, trimmed by scripts/trim-models.mjs): routes from each
 * operation's `http` (method, requestUri with `{labels}` and literal query,
 * responseCode), input bound from where the model puts each member (uri,
 * querystring, header, body, or the whole body for a `payload` member), and
 * every constraint the model declares (required, type, min/max, pattern,
 * enum) checked with the service's wording → BadRequestException. Output
 * with a `payload` member is sent as that member alone.
 */
import { parseJsonObject } from '../core/body';
import { badRequest } from '../core/errors';
import type { SandboxRequest } from '../core/service';

export interface ModelShape {
  readonly type: string;
  readonly members?: Readonly<Record<string, { shape: string; location?: string; locationName?: string }>>;
  readonly required?: readonly string[];
  readonly member?: { shape: string };
  readonly key?: { shape: string };
  readonly value?: { shape: string };
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly payload?: string;
}

export interface ServiceModel {
  readonly operations: Readonly<Record<string, { name: string; http: { method: string; requestUri: string; responseCode?: number }; input?: { shape: string }; output?: { shape: string } }>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

interface Route {
  readonly name: string;
  readonly method: string;
  readonly segments: readonly string[];
  readonly literalQuery: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface RestJsonMatch {
  readonly operation: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly status: number;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Smithy patterns match the whole value; `\u10000-\u10FFFF` has no meaning without the `u` flag, so surrogates stand for it. */
function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replace(/\\u10000-\\u10FFFF/g, '\\uD800-\\uDFFF')})$`);
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class RestJsonModel {
  private readonly routes: readonly Route[];
  private readonly patterns = new Map<string, RegExp>();

  constructor(readonly model: ServiceModel) {
    const routes = Object.values(model.operations).map((op): Route => {
      const [path = '', queryText] = op.http.requestUri.split('?');
      return {
        name: op.name,
        method: op.http.method,
        segments: path.split('/').slice(1),
        literalQuery: Object.fromEntries(new URLSearchParams(queryText ?? '')),
        status: op.http.responseCode ?? 200,
      };
    });
    // Routes with a literal query (`/channels?scope=…`) are more specific than the bare path.
    this.routes = [...routes].sort((a, b) => Object.keys(b.literalQuery).length - Object.keys(a.literalQuery).length);
  }

  match(method: string, rawPath: string, query: URLSearchParams): RestJsonMatch | undefined {
    const raw = rawPath.split('/').slice(1);
    if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== raw.length) continue;
      if (!Object.entries(route.literalQuery).every(([k, v]) => query.get(k) === v)) continue;
      const labels: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < raw.length && ok; i++) {
        const template = route.segments[i] ?? '';
        const value = decode(raw[i] ?? '');
        if (value === undefined) ok = false;
        else if (template.startsWith('{')) labels[template.slice(1, -1).replace(/\+$/, '')] = value;
        else ok = template === value;
      }
      if (ok) return { operation: route.name, labels, status: route.status };
    }
    return undefined;
  }

  /** The operation's input from the request, validated (BadRequestException with every issue). */
  input(match: RestJsonMatch, req: SandboxRequest): Record<string, unknown> {
    const op = this.model.operations[match.operation];
    const shapeName = op?.input?.shape;
    if (!shapeName) return {};
    const shape = this.shape(shapeName);
    const input: Record<string, unknown> = {};
    let body: Record<string, unknown> | undefined;
    const bodyObject = () => (body ??= parseJsonObject(req.body));
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const wire = member.locationName ?? name;
      const target = this.shape(member.shape);
      let value: unknown;
      if (member.location === 'uri') value = match.labels[wire] || undefined;
      else if (member.location === 'querystring') value = this.fromQuery(target, req.query.getAll(wire));
      else if (member.location === 'header') {
        const h = req.headers[wire.toLowerCase()];
        value = Array.isArray(h) ? h.join(',') : h;
      } else if (shape.payload === name) value = req.body.trim() === '' ? undefined : bodyObject();
      else value = bodyObject()[wire];
      if (value !== undefined && value !== null) input[name] = value;
    }
    const issues: string[] = [];
    this.check(shapeName, input, '', issues);
    if (issues.length > 0) {
      const shown = issues.slice(0, 10);
      throw badRequest(`${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${shown.join('; ')}`);
    }
    return input;
  }

  /** The HTTP body for an operation's output (the payload member alone when the model says so). */
  output(operation: string, result: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    const shapeName = this.model.operations[operation]?.output?.shape;
    if (!shapeName || !result) return result;
    const payload = this.shape(shapeName).payload;
    return payload ? (result[payload] as Record<string, unknown> | undefined) : result;
  }

  private shape(name: string): ModelShape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`model has no shape ${name}`);
    return shape;
  }

  private fromQuery(shape: ModelShape, values: string[]): unknown {
    if (values.length === 0) return undefined;
    if (shape.type === 'list') return values;
    const text = values[0] ?? '';
    if (shape.type === 'integer' || shape.type === 'long') return /^-?\d+$/.test(text) ? Number(text) : text;
    if (shape.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
    if (shape.type === 'timestamp') {
      const n = Number(text);
      if (text !== '' && Number.isFinite(n)) return n;
      const t = Date.parse(text);
      return Number.isNaN(t) ? text : t / 1000;
    }
    return text;
  }

  private check(shapeName: string, value: unknown, path: string, issues: string[]): void {
    const shape = this.shape(shapeName);
    const at = (message: string) => issues.push(path ? `Value at '${path}' failed to satisfy constraint: ${message}` : message);
    switch (shape.type) {
      case 'structure': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return void at('Member must be a structure');
        const object = value as Record<string, unknown>;
        for (const required of shape.required ?? []) {
          if (object[required] === undefined || object[required] === null) {
            issues.push(`Value null at '${path ? `${path}.` : ''}${required}' failed to satisfy constraint: Member must not be null`);
          }
        }
        for (const [name, member] of Object.entries(shape.members ?? {})) {
          const v = object[name];
          if (v !== undefined && v !== null) this.check(member.shape, v, path ? `${path}.${name}` : name, issues);
        }
        return;
      }
      case 'list': {
        if (!Array.isArray(value)) return void at('Member must be a list');
        if (shape.min !== undefined && value.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && value.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
        value.forEach((v, i) => this.check(shape.member?.shape ?? '', v, `${path}.${i + 1}.member`, issues));
        return;
      }
      case 'map': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return void at('Member must be a map');
        const entries = Object.entries(value as Record<string, unknown>);
        if (shape.min !== undefined && entries.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && entries.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
        for (const [k, v] of entries) {
          this.check(shape.key?.shape ?? '', k, `${path}.${k}.key`, issues);
          this.check(shape.value?.shape ?? '', v, `${path}.${k}.value`, issues);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') return void at(`Member must be a string, got ${typeof value}`);
        const length = codePoints(value);
        if (shape.min !== undefined && length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
        if (shape.enum && !shape.enum.includes(value)) at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
        if (shape.pattern) {
          let re = this.patterns.get(shape.pattern);
          if (!re) this.patterns.set(shape.pattern, (re = compilePattern(shape.pattern)));
          if (!re.test(value)) at(`Member must satisfy regular expression pattern: ${shape.pattern}`);
        }
        return;
      }
      case 'integer':
      case 'long':
      case 'double':
      case 'float': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return void at(`Member must be a number, got ${typeof value}`);
        if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) at('Member must be an integer');
        if (shape.min !== undefined && value < shape.min) at(`Member must have value greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && value > shape.max) at(`Member must have value less than or equal to ${shape.max}`);
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') at(`Member must be a boolean, got ${typeof value}`);
        return;
      case 'timestamp':
        if (typeof value !== 'number' || !Number.isFinite(value)) at('Member must be a timestamp (epoch seconds)');
        return;
      default:
        return;
    }
  }
}
