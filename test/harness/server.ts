/**
 * The browser harness: serves the built renderer on loopback and runs the
 * real main-process services behind the same typed API the preload exposes.
 *
 * It is development tooling, but it still listens on 127.0.0.1 only and
 * checks the Host and Origin of every IPC request: a page on another origin
 * (or a DNS-rebinding name pointing at 127.0.0.1) cannot drive it.
 */
import http from 'node:http';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { MainServices } from '../../src/main/services';
import { CONTENT_TYPES } from '../../src/main/platform/appProtocol';
import { WorkbenchCodes, fail } from '../../src/shared/errors';
import { MAX_IPC_BODY_BYTES } from '../../src/shared/limits';
import type { HarnessDialog } from './dialogChooser';

export interface HarnessServerOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly services: MainServices;
  /** `--dialog-dir`: main's file chooser answered on /__harness/dialog. */
  readonly dialog?: HarnessDialog;
}

export interface HarnessServer {
  readonly url: string;
  close(): Promise<void>;
}


export async function startHarnessServer({ port, rendererDir, services, dialog }: HarnessServerOptions): Promise<HarnessServer> {
  const bridge = await bundleBridge();
  const index = injectBridge(await readFile(path.join(rendererDir, 'index.html'), 'utf8'));
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = services.bus.subscribe((event, payload) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const stream of streams) stream.write(data);
  });
  let origin = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // Every failure the request can cause is answered above; this is a harness bug.
      if (!res.headersSent) sendError(res, 500, WorkbenchCodes.Internal, `Harness failure: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(421).end('Misdirected request');
    const url = new URL(req.url ?? '/', origin);
    const pathname = decodePath(url.pathname);
    if (pathname === undefined) return sendError(res, 400, WorkbenchCodes.InvalidInput, 'The request path has a malformed percent-escape.');
    if (pathname === '/__harness/events') return openStream(res);
    if (pathname === '/__harness/bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', bridge);
    if (pathname === '/__harness/dialog' && dialog) return send(res, 200, 'text/html; charset=utf-8', dialog.page());
    if (pathname === '/__harness/dialog/pick' && dialog && req.method === 'POST') {
      // Only the chooser page itself (same origin) may answer a chooser.
      if (req.headers.origin !== origin) return void res.writeHead(403).end('Forbidden');
      const form = new URLSearchParams(await readText(req));
      const picked = dialog.pick(Number(form.get('request')), form.has('cancel') ? undefined : (form.get('file') ?? ''));
      if (!picked) return void res.writeHead(409).end('That chooser or file is not there any more.');
      return void res.writeHead(303, { location: '/__harness/dialog' }).end();
    }
    if (pathname.startsWith('/__harness/ipc/') && req.method === 'POST') {
      const channel = pathname.slice('/__harness/ipc/'.length);
      // The Origin is checked before the body is read: a foreign page gets
      // the dispatcher's ForbiddenSender answer without costing us its upload.
      if (req.headers.origin !== origin) {
        req.resume();
        return send(res, 200, 'application/json', JSON.stringify(await services.dispatcher.dispatch(channel, undefined, false)));
      }
      const body = await readJson(req);
      if (body.kind === 'too-large') {
        res.setHeader('connection', 'close');
        return sendError(res, 413, WorkbenchCodes.InvalidInput, `The IPC payload is larger than ${MAX_IPC_BODY_BYTES / 1024 / 1024} MB.`);
      }
      const result =
        body.kind === 'ok'
          ? await services.dispatcher.dispatch(channel, body.input, true)
          : fail({ code: WorkbenchCodes.InvalidInput, message: 'The IPC payload is not valid JSON.', retryable: false });
      return send(res, 200, 'application/json', JSON.stringify(result));
    }
    if (pathname === '/' || pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', index);
    return serveStatic(pathname, res);
  }

  function openStream(res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function serveStatic(pathname: string, res: http.ServerResponse) {
    const file = path.normalize(path.join(rendererDir, pathname));
    if (!file.startsWith(rendererDir + path.sep)) return void res.writeHead(403).end();
    try {
      const content = await readFile(file);
      send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', content);
    } catch {
      res.writeHead(404).end('Not found');
    }
  }

  await listen(server, port);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body);
}

/** A JSON Result with the status, as every IPC answer is (so a caller never parses text/plain). */
function sendError(res: http.ServerResponse, status: number, code: string, message: string) {
  send(res, status, 'application/json', JSON.stringify(fail({ code, message, retryable: false })));
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined; // URIError: a malformed escape such as "%" or "%E0%A4%A"
  }
}

/** Listens on loopback; a port in use rejects with one plain sentence instead of an unhandled 'error' event. */
export function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.code === 'EACCES' ? `port ${port} is not allowed` : error.message;
      reject(new Error(`harness: cannot listen on 127.0.0.1:${port}: ${reason}.`));
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

type Body = { kind: 'ok'; input: unknown } | { kind: 'invalid' } | { kind: 'too-large' };

async function readJson(req: http.IncomingMessage): Promise<Body> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_IPC_BODY_BYTES) return tooLarge(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_IPC_BODY_BYTES) return tooLarge(req);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { kind: 'ok', input: undefined };
  try {
    return { kind: 'ok', input: (JSON.parse(text) as { input?: unknown }).input };
  } catch {
    return { kind: 'invalid' };
  }
}

async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Stops reading; the answer closes the connection, so the rest of the upload is not waited for. */
function tooLarge(req: http.IncomingMessage): Body {
  req.pause();
  return { kind: 'too-large' };
}

function injectBridge(html: string): string {
  return html.replace('<script type="module"', '<script src="/__harness/bridge.js"></script>\n    <script type="module"');
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
