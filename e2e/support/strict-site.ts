/**
 * A clinic page with a strict Content Security Policy: scripts only by nonce, no inline
 * styles, Trusted Types required for script URLs and HTML. The policy is exactly the one
 * widget/README.md ("CSP") tells clinics to use, unless a test gives its own `connect-src`
 * (a site that forgot the relay). The page comes from a real server on 127.0.0.1 (a
 * page.route page could not reach the local relay's WebSocket in Chromium).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const NONCE = 'c2l0ZS1ub25jZQ';

/** The README's directives for a relay at `relay` (http: and ws: here, https: and wss: in production). */
function policy(relay: string, connect: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${NONCE}'`,
    `connect-src ${connect}`,
    "style-src 'self'",
    "img-src 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types clinic-chat lit-html 'allow-duplicates'",
  ].join('; ');
}

/** Serves the page embedding widget.js; `connect`: the page's connect-src (default: the relay, as the README says). */
export async function strictSite(
  relay: string,
  siteKey: string,
  connect = `${relay} ${relay.replace(/^http/, 'ws')}`,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy(relay, connect) });
    response.end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Strict</title></head>
<body><h1>Clinic</h1><script nonce="${NONCE}" src="${relay}/widget.js" data-site-key="${siteKey}" data-relay="${relay}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
