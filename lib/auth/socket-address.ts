// The TCP peer address of a request, carried from Node's http server to route handlers and
// next-auth's authorize(), which only see headers (Next 16 has no `request.ip`, and `next start`
// fills X-Forwarded-For from the socket only when the client sent none, so that header is the
// client's to write). instrumentation.ts installs the stamp in the serving process: every
// 'request' event of every http.Server gets a private header "<process token> <socket address>",
// replacing any copy the client sent. The token is random per process, so a client-sent header
// can never pass for a stamp, even for a request that arrived before the stamp was installed.
// Node-only; never import from edge or client code.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";

export const SOCKET_ADDRESS_HEADER = "x-atrium-socket-address";

const TOKEN = Symbol.for("atrium.socketAddressToken");
type Global = typeof globalThis & { [TOKEN]?: string };

function processToken(): string | undefined {
  return (globalThis as Global)[TOKEN];
}

/** Replaces any client copy of the private header with this process's stamp. */
export function stampSocketAddress(req: IncomingMessage, token: string): void {
  delete req.headers[SOCKET_ADDRESS_HEADER];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i].toLowerCase() === SOCKET_ADDRESS_HEADER) raw.splice(i, 2);
  }
  const value = `${token} ${req.socket?.remoteAddress ?? ""}`;
  req.headers[SOCKET_ADDRESS_HEADER] = value;
  raw.push(SOCKET_ADDRESS_HEADER, value);
}

/** Installs the stamp on every http.Server of this process (idempotent). */
export function installSocketAddressStamp(): void {
  const g = globalThis as Global;
  if (g[TOKEN]) return;
  const token = randomBytes(18).toString("base64url");
  g[TOKEN] = token;
  const proto = http.Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stampSocketAddress(args[0] as IncomingMessage, token);
    return emit.call(this, event, ...args);
  };
}

/** The socket address stamped on these headers by this process, or null (absent or forged). */
export function socketAddressOf(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const token = processToken();
  if (!token) return null;
  const raw = headers instanceof Headers ? headers.get(SOCKET_ADDRESS_HEADER) : headers[SOCKET_ADDRESS_HEADER];
  // Several copies (a client's and ours) would arrive joined by ", "; only an exact stamp counts.
  const values = (Array.isArray(raw) ? raw : raw ? raw.split(",") : []).map((v) => v.trim());
  for (const v of values) {
    const space = v.indexOf(" ");
    if (space > 0 && v.slice(0, space) === token) return v.slice(space + 1) || null;
  }
  return null;
}
