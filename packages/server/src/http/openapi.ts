import { z } from 'zod';
import type { RegisteredRoute } from './route.js';

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<
    string,
    unknown
  >;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3 document, generated from the zod schemas every route declares. */
export function openApiDocument(
  routes: readonly RegisteredRoute[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: {
        [String(r.status)]:
          r.status === 204
            ? { description: 'No content' }
            : {
                description: 'Success',
                content: {
                  'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : {} },
                },
              },
        default: { description: 'Error', content: { 'application/json': { schema: ERROR_REF } } },
      },
      'x-satchel-access': typeof r.access === 'string' ? r.access : { roles: r.access },
    };
    if (r.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    }
    if (r.parsers?.length) {
      const content = Object.fromEntries(
        r.parsers.map((p) => [
          p.contentType === '*' ? '*/*' : p.contentType,
          { schema: p.parseAs === 'string' ? { type: 'string' } : { type: 'string', format: 'binary' } },
        ]),
      );
      op.requestBody = { required: true, content };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Satchel API', version, license: { name: 'Apache-2.0' } },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'satchel_<tenant-slug>' },
        token: { type: 'http', scheme: 'bearer' },
        lrsBasic: { type: 'http', scheme: 'basic' },
      },
    },
  };
}
