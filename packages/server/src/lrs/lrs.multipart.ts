import { randomBytes } from 'node:crypto';
import { badRequest } from './lrs.http.js';

// multipart/mixed (RFC 2046 5.1) as xAPI uses it for attachments (Data 2.4.11,
// Communication 1.5.2): the statements as the first part, then one part per
// attachment, identified by its X-Experience-API-Hash header.

export interface Part {
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw badRequest('A multipart part has a malformed header line');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a multipart body into its parts; preamble and epilogue are ignored. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = boundaryOf(contentType);
  if (boundary === null) throw badRequest('A multipart/mixed request needs a boundary parameter');
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest('The multipart body does not contain its boundary');
  const parts: Part[] = [];
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    const lineEnd = body.indexOf(CRLF, pos);
    if (lineEnd < 0) throw badRequest('The multipart body ends inside a part');
    const start = lineEnd + 2;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), start - 2);
    if (next < 0) throw badRequest('The multipart body is not closed by its boundary');
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf(HEADER_END);
    let headers: Record<string, string>;
    let content: Buffer;
    if (part.subarray(0, 2).equals(CRLF)) {
      headers = {};
      content = part.subarray(2);
    } else if (headerEnd < 0) {
      headers = parseHeaders(part.toString('utf8'));
      content = Buffer.alloc(0);
    } else {
      headers = parseHeaders(part.subarray(0, headerEnd).toString('utf8'));
      content = part.subarray(headerEnd + 4);
    }
    parts.push({ headers, body: content });
    pos = next + 2;
  }
  return parts;
}

/** Builds a multipart/mixed body; returns it with its Content-Type. */
export function buildMultipart(parts: readonly Part[]): { contentType: string; body: Buffer } {
  const boundary = `satchel-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), part.body, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
