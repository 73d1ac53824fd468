/**
 * HTTP/1.1 at the byte level, for the runtime tests that send what no HTTP
 * client would (malformed request lines, repeated headers, a body that
 * trickles in or never comes): write the given pieces to one loopback
 * connection, with pauses between them, and read everything the server sends
 * until it closes the connection, or until `holdMs` has passed (then the
 * connection was held: the test says whether that is allowed).
 */
import { connect } from 'node:net';

export type Piece = string | Buffer | { pauseMs: number };

export interface RawResponse {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

export interface Exchange {
  responses: RawResponse[];
  /** Milliseconds from the last piece written to the server closing the connection; null when it did not close within holdMs. */
  closedAfterMs: number | null;
  /** A connection error seen by the client (ECONNRESET is a reset). */
  error: string | null;
  /** Bytes that did not parse as complete responses. */
  rest: string;
}

export function exchange(port: number, pieces: readonly Piece[], options: { holdMs: number; headOnly?: boolean }): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let error: string | null = null;
    let lastWrite = Date.now();
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(hold);
      socket.destroy();
      const { responses, rest } = parseResponses(Buffer.concat(received).toString('latin1'), options.headOnly ?? false);
      resolve({ responses, closedAfterMs: closed ? Date.now() - lastWrite : null, error, rest });
    };
    let hold: NodeJS.Timeout = setTimeout(() => finish(false), options.holdMs + 10_000);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure.code ?? failure.message));
    socket.on('close', () => finish(true));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (settled || socket.destroyed) return;
        if (typeof piece === 'object' && !Buffer.isBuffer(piece)) {
          await new Promise((next) => setTimeout(next, piece.pauseMs));
          continue;
        }
        socket.write(piece);
        lastWrite = Date.now();
      }
      clearTimeout(hold);
      hold = setTimeout(() => finish(false), options.holdMs);
    });
  });
}

/** Complete HTTP/1.1 responses in `text` (Content-Length or chunked bodies; none after HEAD or for 1xx, 204, 304). */
export function parseResponses(text: string, headOnly: boolean): { responses: RawResponse[]; rest: string } {
  const responses: RawResponse[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) break;
    const status = Number(match[1]);
    const headers: Record<string, string[]> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      (headers[line.slice(0, colon).trim().toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
    }
    let bodyEnd = end + 4;
    let body = '';
    if (!(headOnly || status < 200 || status === 204 || status === 304)) {
      if (headers['transfer-encoding']?.some((value) => /chunked/i.test(value))) {
        const decoded = dechunk(rest.slice(bodyEnd));
        if (decoded === null) break;
        body = decoded.body;
        bodyEnd += decoded.length;
      } else {
        const length = Number(headers['content-length']?.[0] ?? 0);
        if (rest.length < bodyEnd + length) break;
        body = rest.slice(bodyEnd, bodyEnd + length);
        bodyEnd += length;
      }
    }
    if (status >= 200) responses.push({ status, headers, body: Buffer.from(body, 'latin1').toString('utf8') });
    rest = rest.slice(bodyEnd);
  }
  return { responses, rest };
}

function dechunk(text: string): { body: string; length: number } | null {
  let at = 0;
  let body = '';
  for (;;) {
    const line = text.indexOf('\r\n', at);
    if (line < 0) return null;
    const size = parseInt(text.slice(at, line), 16);
    if (Number.isNaN(size)) return null;
    at = line + 2;
    if (size === 0) return text.length >= at + 2 ? { body, length: at + 2 } : null;
    if (text.length < at + size + 2) return null;
    body += text.slice(at, at + size);
    at += size + 2;
  }
}
