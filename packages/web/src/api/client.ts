import { ApiError, errorFromResponse } from './errors.js';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Cancels the request; the promise then rejects with code `aborted`. */
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call; the promise then rejects with code `timeout`. */
  readonly timeoutMs?: number;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface UploadProgress {
  readonly loaded: number;
  /** Null when the browser cannot tell the size. */
  readonly total: number | null;
}

export interface UploadOptions {
  readonly method?: 'POST' | 'PUT';
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Added to the URL: endpoints that take the raw file as the body carry its metadata here. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /**
   * The body's Content-Type, instead of the file's own type. Browsers label some files with types the
   * server refuses or that say little (a .csv as application/vnd.ms-excel, a .vtt as text/plain).
   */
  readonly contentType?: string;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Sends a file or form with upload progress (fetch cannot report it). */
  upload<T>(path: string, body: Blob | FormData, options?: UploadOptions): Promise<T>;
  /** The absolute-path URL for `path`, for <img src>, downloads and links. */
  url(path: string, query?: Readonly<Record<string, QueryValue>>): string;
}

export interface ApiClientConfig {
  /** `/api/t/<slug>` for a tenant, `/api` for instance-level calls. */
  readonly prefix: string;
  /** Origin to call; empty means same origin (the browser). Tests pass a local server. */
  readonly origin?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

function buildUrl(
  origin: string,
  prefix: string,
  path: string,
  query?: Readonly<Record<string, QueryValue>>,
) {
  const joined = `${origin}${prefix}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
  if (!query) return joined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  return search === '' ? joined : `${joined}${joined.includes('?') ? '&' : '?'}${search}`;
}

/** Parses a successful body: empty (204) becomes undefined, anything else must be JSON. */
function parseSuccess<T>(status: number, text: string): T {
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(status, 'unexpected_response', 'The server answered with something that is not JSON');
  }
}

export function createApiClient(config: ApiClientConfig): ApiClient {
  const origin = config.origin ?? '';
  const defaultTimeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs ?? defaultTimeout);
    const forwardAbort = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', forwardAbort);

    const mutating = method !== 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    // The server refuses mutating requests that are not JSON (a guard against cross-site form posts),
    // and an empty body with a JSON content type is itself invalid, hence `{}` when there is nothing to send.
    if (mutating) headers['Content-Type'] = 'application/json';
    try {
      const response = await doFetch(buildUrl(origin, config.prefix, path, options.query), {
        method,
        headers,
        body: mutating ? JSON.stringify(body ?? {}) : undefined,
        credentials: 'same-origin',
        signal: controller.signal,
      });
      const text = await response.text();
      if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
      return parseSuccess<T>(response.status, text);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (timedOut) throw new ApiError(0, 'timeout', 'The server took too long to answer');
      if (controller.signal.aborted) throw new ApiError(0, 'aborted', 'The request was cancelled');
      throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  function upload<T>(path: string, body: Blob | FormData, options: UploadOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(options.method ?? 'POST', buildUrl(origin, config.prefix, path, options.query));
      xhr.setRequestHeader('Accept', 'application/json');
      if (options.contentType) xhr.setRequestHeader('Content-Type', options.contentType);
      else if (body instanceof Blob)
        xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream');
      for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
      const onProgress = options.onProgress;
      if (onProgress) {
        xhr.upload.onprogress = (event) =>
          onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
      }
      const abort = () => xhr.abort();
      options.signal?.addEventListener('abort', abort);
      const settle = (action: () => void) => {
        options.signal?.removeEventListener('abort', abort);
        action();
      };
      xhr.onload = () =>
        settle(() => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve(parseSuccess<T>(xhr.status, xhr.responseText));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          } else {
            reject(errorFromResponse(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
          }
        });
      xhr.onerror = () => settle(() => reject(new ApiError(0, 'network_error', 'Network error')));
      xhr.onabort = () => settle(() => reject(new ApiError(0, 'aborted', 'The upload was cancelled')));
      if (options.signal?.aborted) {
        xhr.abort();
        return;
      }
      xhr.send(body);
    });
  }

  return {
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body, options) => request('POST', path, body, options),
    patch: (path, body, options) => request('PATCH', path, body, options),
    put: (path, body, options) => request('PUT', path, body, options),
    delete: (path, options) => request('DELETE', path, undefined, options),
    upload,
    url: (path, query) => buildUrl(origin, config.prefix, path, query),
  };
}

/** The client for one tenant's API: every path is relative to `/api/t/<slug>`. */
export function tenantApi(slug: string, config: Omit<ApiClientConfig, 'prefix'> = {}): ApiClient {
  return createApiClient({ ...config, prefix: `/api/t/${encodeURIComponent(slug)}` });
}

/** The client for instance-level endpoints such as `/api/tenants`. */
export function instanceApi(config: Omit<ApiClientConfig, 'prefix'> = {}): ApiClient {
  return createApiClient({ ...config, prefix: '/api' });
}
