// A tiny static HTTP server for the end-to-end tests. Bound to 127.0.0.1 on a free port chosen by the OS:
// tests only ever talk to loopback. Serves e2e/fixtures/ by default, or any directory (the robustness suite
// serves ../shared/corpus/real-pages/), with per-path extra response headers (e.g. a strict CSP).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
const TEXTUAL = /^(text\/|application\/(json|xml|xhtml\+xml)|image\/svg\+xml)/;

export interface ServerOptions {
  /** Directory to serve. Default: e2e/fixtures. */
  root?: string;
  /** Extra response headers by URL path ("/english.html"); merged over the defaults. */
  headers?: Record<string, Record<string, string>>;
  /**
   * Charset added to textual content types. Default 'utf-8' (all fixtures are UTF-8). Pass null to send
   * no charset and let the page's own <meta charset> decide (useful for saved third-party pages).
   */
  charset?: string | null;
}

export interface StaticServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  port: number;
  /** Absolute URL of a path relative to the served root: url('english.html'). */
  url(relativePath: string): string;
  /** Add or replace extra headers for one path while the server runs. */
  setHeaders(urlPath: string, headers: Record<string, string>): void;
  /** Every path requested so far, in order (handy for debugging). */
  readonly requested: string[];
  close(): Promise<void>;
}

export function contentTypeFor(file: string, charset: string | null = 'utf-8'): string {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return charset && TEXTUAL.test(type) ? `${type}; charset=${charset}` : type;
}

export async function startServer(options: ServerOptions = {}): Promise<StaticServer> {
  const root = path.resolve(options.root ?? FIXTURES_DIR);
  const charset = options.charset === undefined ? 'utf-8' : options.charset;
  const extraHeaders = new Map<string, Record<string, string>>(Object.entries(options.headers ?? {}));
  const requested: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'bad path');
    }
    requested.push(urlPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    // Resolve inside root only: no "..", no absolute escapes.
    let file = path.resolve(root, '.' + path.posix.normalize(urlPath));
    if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': contentTypeFor(file, charset),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...extraHeaders.get(urlPath),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 404, 'not found');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requested,
    url: (relativePath) => new URL(relativePath.replace(/^\/+/, ''), origin + '/').href,
    setHeaders: (urlPath, headers) => extraHeaders.set(urlPath, headers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A proxy that forwards nothing: it records every request a browser tries to send through it and refuses
 * it. Chromium sends everything that is not loopback to its --proxy-server (loopback bypasses the proxy by
 * default), so this sees every attempt to leave the machine from any part of the browser — pages, service
 * workers, offscreen documents, the browser itself — independently of what Playwright reports.
 */
export interface SinkProxy {
  /** http://127.0.0.1:PORT, for --proxy-server. */
  origin: string;
  /** Every attempted destination: full URLs for plain HTTP, "https://host:port" for CONNECT tunnels. */
  readonly attempts: string[];
  close(): Promise<void>;
}

export async function startSinkProxy(): Promise<SinkProxy> {
  const attempts: string[] = [];
  const server = createServer((req, res) => {
    attempts.push(req.url ?? '');
    send(res, 403, 'Gloss tests: network access outside 127.0.0.1 is not allowed');
  });
  server.on('connect', (req, socket) => {
    attempts.push(`https://${req.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}
