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

export interface HarnessServerOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly services: MainServices;
}

export interface HarnessServer {
  readonly url: string;
  close(): Promise<void>;
}


export async function startHarnessServer({ port, rendererDir, services }: HarnessServerOptions): Promise<HarnessServer> {
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
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(421).end('Misdirected request');
    if (url.pathname === '/__harness/events') return openStream(res);
    if (url.pathname === '/__harness/bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', bridge);
    if (url.pathname.startsWith('/__harness/ipc/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/__harness/ipc/'.length));
      const sameOrigin = req.headers.origin === origin;
      const body = await readJson(req);
      const result = body.ok
        ? await services.dispatcher.dispatch(channel, body.input, sameOrigin)
        : { ok: false, error: { code: 'InvalidInput', message: 'The IPC payload is not valid JSON.', retryable: false } };
      return send(res, 200, 'application/json', JSON.stringify(result));
    }
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', index);
    return serveStatic(url.pathname, res);
  }

  function openStream(res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function serveStatic(pathname: string, res: http.ServerResponse) {
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + path.sep)) return void res.writeHead(403).end();
    try {
      const content = await readFile(file);
      send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', content);
    } catch {
      res.writeHead(404).end('Not found');
    }
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
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

async function readJson(req: http.IncomingMessage): Promise<{ ok: true; input: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 8 * 1024 * 1024) throw new Error('IPC payload too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { ok: true, input: undefined };
  try {
    return { ok: true, input: (JSON.parse(text) as { input?: unknown }).input };
  } catch {
    return { ok: false };
  }
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
