// One error taxonomy: a stable snake_case code, an HTTP status, one envelope.
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (code: string, message: string, details?: ErrorDetails): AppError =>
  new AppError(400, code, message, details);
export const unauthenticated = (message = 'Sign in to continue', details?: ErrorDetails): AppError =>
  new AppError(401, 'unauthenticated', message, details);
export const forbidden = (
  message = 'You do not have permission to do this',
  details?: ErrorDetails,
): AppError => new AppError(403, 'forbidden', message, details);
export const notFound = (code = 'not_found', message = 'Not found', details?: ErrorDetails): AppError =>
  new AppError(404, code, message, details);
export const conflict = (code: string, message: string, details?: ErrorDetails): AppError =>
  new AppError(409, code, message, details);
export const preconditionFailed = (code: string, message: string, details?: ErrorDetails): AppError =>
  new AppError(412, code, message, details);
export const tooLarge = (message: string, details?: ErrorDetails): AppError =>
  new AppError(413, 'payload_too_large', message, details);
export const rateLimited = (retryAfterSeconds: number): AppError =>
  new AppError(429, 'rate_limited', 'Too many attempts; wait and try again', { retryAfterSeconds });

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetails };
}

export function envelope(code: string, message: string, details?: ErrorDetails): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
