/**
 * A tiny node:http front for the self-contained service modules (iam/, sts/,
 * sso/) for tests that need one service alone on its own URL (profile endpoint tests: "default's endpoint" vs "dev's"): reads the request, asks each route's
 * `matches` in turn and writes what its `handle` answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceRequest, ServiceResponse } from '../../../../src/main/sandbox/protocols/http';

export interface Route {
  matches(request: ServiceRequest): boolean;
  handle(request: ServiceRequest): ServiceResponse | Promise<ServiceResponse>;
}

export interface ServiceServer {
  readonly url: string;
  readonly requests: ServiceRequest[];
  close(): Promise<void>;
}

export async function startServiceServer(routes: readonly Route[]): Promise<ServiceServer> {
  const requests: ServiceRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const request: ServiceRequest = {
          method: req.method ?? 'GET',
          path: q < 0 ? url : url.slice(0, q),
          query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(request);
        const route = routes.find((r) => r.matches(request));
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${request.method} ${request.path}`);
          return;
        }
        try {
          const answer = await route.handle(request);
          res.writeHead(answer.status, answer.headers).end(answer.body);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
