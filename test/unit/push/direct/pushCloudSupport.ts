/**
 * The sandbox's push cloud mounted as the sandbox core mounts it (control
 * routes and FCM on one plain-HTTP port, APNs on its own TLS ports), for the
 * direct-push clients to talk to over the wire. Keys, certificates and
 * service accounts are issued through the control routes and written to a
 * temp folder, as a developer would download them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPushCloud, type PushCloud } from '../../../../src/main/sandbox/emulators';

export interface MountedCloud {
  readonly cloud: PushCloud;
  readonly url: string;
  readonly dir: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Writes a file into the temp folder and answers its path. */
  file(name: string, content: string | Buffer): string;
  close(): Promise<void>;
}

export async function mountPushCloud(now?: () => number): Promise<MountedCloud> {
  let url = '';
  const cloud = await startPushCloud({ baseUrl: () => url, ...(now && { now }) });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/_sandbox/health')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'ok', ...cloud.health() }));
      const control = req.url?.startsWith('/_sandbox/')
        ? cloud.handleControl(req.method ?? 'GET', req.url, body)
        : undefined;
      if (control) {
        const text = typeof control.body === 'string' ? control.body : JSON.stringify(control.body);
        return void res.writeHead(control.status, { 'content-type': 'application/json', ...control.headers }).end(text);
      }
      cloud.handleHttp({ method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body }).then(
        (answer) =>
          answer ? res.writeHead(answer.status, answer.headers).end(answer.body) : res.writeHead(404).end('{}'),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'directpush-'));
  return {
    cloud,
    url,
    dir,
    call: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (res.headers.get('content-type')?.includes('json') ? res.json() : res.text()) as Promise<T>;
    },
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
