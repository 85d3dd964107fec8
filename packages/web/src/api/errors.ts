/**
 * The one error type the web app handles. Server errors arrive as `{ error: { code, message, details } }`;
 * failures that never reached the server (offline, timeout, aborted) get codes of their own so pages can
 * say something useful about them.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    /** Seconds the server asked us to wait (429), from `Retry-After` or `details.retryAfter`. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  get isNetworkFailure(): boolean {
    return this.status === 0;
  }
}

/** Codes for failures that happen before any HTTP status exists. */
export const CLIENT_ERROR_CODES = ['network_error', 'timeout', 'aborted'] as const;

/** What a status means when the body is not our envelope (a proxy page, an empty 502). */
export function codeForStatus(status: number): string {
  if (status === 400) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'unexpected_response';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRetryAfter(header: string | null, details: Record<string, unknown>): number | null {
  const fromDetails = details['retryAfter'] ?? details['retryAfterSeconds'];
  if (typeof fromDetails === 'number' && Number.isFinite(fromDetails) && fromDetails >= 0) {
    return Math.ceil(fromDetails);
  }
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Builds an ApiError from a failed response's status, raw body text and Retry-After header. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  retryAfter: string | null = null,
): ApiError {
  let body: unknown = null;
  try {
    body = bodyText === '' ? null : JSON.parse(bodyText);
  } catch {
    body = null;
  }
  const envelope = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  const code =
    envelope && typeof envelope['code'] === 'string' && envelope['code'] !== ''
      ? envelope['code']
      : codeForStatus(status);
  const message =
    envelope && typeof envelope['message'] === 'string' ? envelope['message'] : `HTTP ${status}`;
  const details = envelope && isRecord(envelope['details']) ? envelope['details'] : {};
  return new ApiError(status, code, message, details, parseRetryAfter(retryAfter, details));
}

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** The per-field problems of a `validation_failed` error (zod issues: `{ path: [field, ...], message }`). */
export function fieldIssues(error: ApiError): FieldIssue[] {
  const issues = error.details['issues'];
  if (error.code !== 'validation_failed' || !Array.isArray(issues)) return [];
  const found: FieldIssue[] = [];
  for (const issue of issues) {
    if (!isRecord(issue) || !Array.isArray(issue['path'])) continue;
    const first: unknown = issue['path'][0];
    if (typeof first !== 'string' && typeof first !== 'number') continue;
    found.push({
      field: String(first),
      message: typeof issue['message'] === 'string' ? issue['message'] : '',
    });
  }
  return found;
}
