// Byte ranges for files the service worker answers from the device: <video> and <audio> seek with
// `Range: bytes=a-b`, and a player that gets a whole file instead cannot seek at all.

export type ByteRange =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** One `bytes=` range of a file of `size` bytes (several ranges get the whole file, which is correct). */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (header === null) return { kind: 'full' };
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!unit) return { kind: 'full' };
  const spec = (unit[1] ?? '').trim();
  if (spec.includes(',')) return { kind: 'full' };
  const match = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!match) return { kind: 'unsatisfiable' };
  const [first, last] = [match[1] ?? '', match[2] ?? ''];
  if (first === '') {
    const suffix = Number(last);
    if (last === '' || suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** A response for `data` that honours the request's Range header, as the server's blob route does. */
export function rangedResponse(
  request: Request,
  data: Blob,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  const size = data.size;
  const range = parseByteRange(request.headers.get('range'), size);
  const common: Record<string, string> = {
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...headers,
  };
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${size}` } });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  const body = request.method === 'HEAD' ? null : data.slice(start, end + 1, contentType);
  const out: Record<string, string> = {
    ...common,
    'content-type': contentType,
    'content-length': String(Math.max(0, end - start + 1)),
  };
  if (range.kind === 'partial') out['content-range'] = `bytes ${start}-${end}/${size}`;
  return new Response(body, { status: range.kind === 'partial' ? 206 : 200, headers: out });
}
