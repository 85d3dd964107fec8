import type { RegisteredRoute } from '../http/route.js';

/** docs/api.md, generated from the routes every domain declares (`npm run docs:api`). */
export function apiMarkdown(routes: readonly RegisteredRoute[]): string {
  const access = (r: RegisteredRoute): string =>
    typeof r.access === 'string' ? r.access : r.access.join(', ');
  const byTag = new Map<string, RegisteredRoute[]>();
  for (const r of routes) {
    const tag = r.tags[0] ?? 'other';
    byTag.set(tag, [...(byTag.get(tag) ?? []), r]);
  }
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, list]) =>
      [
        `## ${tag}`,
        '',
        '| method | path | access | what it does |',
        '|---|---|---|---|',
        ...list
          .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
          .map((r) => `| ${r.method} | \`${r.url}\` | ${access(r)} | ${r.summary} |`),
        '',
      ].join('\n'),
    );
  return [
    '# HTTP API',
    '',
    'Generated from the route declarations by `npm run docs:api`; a test fails when it is out of date.',
    'The full machine-readable description, with every request and response schema, is the OpenAPI',
    'document served at `GET /api/openapi.json`.',
    '',
    '- Tenant routes live under `/api/t/:tenant/` (the platform’s slug). Unknown platform → 404 `tenant_not_found`.',
    '- Authentication: the session cookie `satchel_<slug>` (set by sign-in), or `Authorization: Bearer sat_…`',
    '  (API tokens from `/api/t/:tenant/me/tokens`). The LRS at `/xapi/` takes HTTP Basic with LRS credentials;',
    '  how it behaves (xAPI 1.0.3 and 2.0: statements, attachments, documents, CORS) is in [xapi.md](xapi.md).',
    '- Access: `public` (anyone), `signed-in` (any member), a list of roles (any of them), `operator` (the',
    '  instance operator, who also passes every role check). Missing sign-in → 401 `unauthenticated`;',
    '  missing role → 403 `forbidden`.',
    '- Errors: always `{ "error": { "code", "message", "details" } }` with a stable snake_case `code`.',
    '  Invalid input → 400 `validation_failed` with `details.issues[{ path, message }]`.',
    '- Other routes: `GET /healthz` → `{ "status": "ok", "db": "sqlite" | "postgres", "version" }`; the LRS',
    '  (`/xapi/statements`, `/xapi/about`), the web app (`/t/<slug>/…`) and its assets.',
    '',
    ...sections,
  ].join('\n');
}
