import { createHash, verify, X509Certificate } from 'node:crypto';
import {
  statementSignature,
  validateStatement,
  type Statement,
  type StatementWire,
  type XapiAttachment,
} from '@satchel/core';
import { invalid } from '../http/errors.js';
import type { AttachmentRow } from './lrs.resources.repo.js';

// Attachments (Data 2.4.11, Communication 1.5.2) and signed statements (Data 2.6).
// Every attachment without a fileUrl must arrive as a multipart part whose bytes
// hash to its sha2; every part must belong to some attachment. A signature
// attachment must be a JWS (RS256/384/512) whose payload is this same statement.

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';

/** One multipart part of a statement request, after its hash was checked. */
export type AttachmentPart = AttachmentRow;

const ALGORITHMS: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
const JWS_ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

function fail(message: string, details?: Record<string, unknown>): never {
  throw invalid('invalid_attachment', message, details);
}

/** Checks a part's X-Experience-API-Hash against its bytes (SHA-2 by the hash's length). */
export function attachmentPart(headers: Record<string, string>, body: Buffer): AttachmentPart {
  const hash = headers['x-experience-api-hash']?.toLowerCase();
  if (hash === undefined) fail('Every attachment part needs an X-Experience-API-Hash header');
  const encoding = headers['content-transfer-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    fail('Attachment parts must be sent with Content-Transfer-Encoding: binary', { sha2: hash });
  }
  const algorithm = ALGORITHMS[hash.length];
  if (algorithm === undefined || !/^[0-9a-f]+$/.test(hash))
    fail('X-Experience-API-Hash must be a SHA-2 hash in hex');
  const actual = createHash(algorithm).update(body).digest('hex');
  if (actual !== hash) fail('An attachment part does not match its X-Experience-API-Hash', { sha2: hash });
  return { sha2: hash, contentType: headers['content-type'] ?? 'application/octet-stream', content: body };
}

function attachmentsOf(statement: Statement): XapiAttachment[] {
  const own = statement.attachments ?? [];
  const object = statement.object;
  return object.objectType === 'SubStatement' ? [...own, ...(object.attachments ?? [])] : own;
}

function decodeSegment(segment: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return fail(`The signature's JWS ${what} is not base64url JSON`);
  }
}

function checkSignature(
  statement: Statement,
  attachment: XapiAttachment,
  part: AttachmentPart | undefined,
): void {
  if (attachment.contentType !== 'application/octet-stream') {
    fail('A signature attachment must have contentType application/octet-stream');
  }
  if (part === undefined) fail('A signature attachment must be sent as a part, not a fileUrl');
  const segments = part.content.toString('utf8').trim().split('.');
  if (segments.length !== 3) fail('The signature is not a JWS in compact serialisation');
  const [head, payload, signature] = segments as [string, string, string];
  const header = decodeSegment(head, 'header') as { alg?: unknown; x5c?: unknown };
  const hash = typeof header.alg === 'string' ? JWS_ALGORITHMS[header.alg] : undefined;
  if (hash === undefined) fail('A statement signature must use RS256, RS384 or RS512');
  const signed = validateStatement(decodeSegment(payload, 'payload'));
  if (!signed.ok) fail('The signature payload is not a valid statement');
  const original: StatementWire = { ...signed.statement, id: signed.statement.id ?? statement.id };
  if (statementSignature(original) !== statementSignature(statement)) {
    fail('The signature payload differs from the statement it signs');
  }
  // With a certificate chain, the signature itself must verify against its first certificate.
  if (Array.isArray(header.x5c) && typeof header.x5c[0] === 'string') {
    let ok = false;
    try {
      const key = new X509Certificate(Buffer.from(header.x5c[0], 'base64')).publicKey;
      ok = verify(hash, Buffer.from(`${head}.${payload}`), key, Buffer.from(signature, 'base64url'));
    } catch {
      ok = false;
    }
    if (!ok) fail('The statement signature does not verify against its x5c certificate');
  }
}

/**
 * Matches the statements' attachments with the parts sent; returns the parts to
 * store. Without parts (plain JSON), every attachment needs a fileUrl.
 */
export function checkAttachments(
  statements: readonly Statement[],
  parts: readonly AttachmentPart[],
): AttachmentPart[] {
  const byHash = new Map(parts.map((p) => [p.sha2, p]));
  const used = new Set<string>();
  statements.forEach((statement, index) => {
    for (const attachment of attachmentsOf(statement)) {
      const sha2 = attachment.sha2.toLowerCase();
      const part = byHash.get(sha2);
      if (part !== undefined) used.add(sha2);
      if (attachment.usageType === SIGNATURE_USAGE_TYPE) checkSignature(statement, attachment, part);
      if (part === undefined && attachment.fileUrl === undefined) {
        fail(
          parts.length === 0
            ? 'An attachment without a fileUrl must be sent as a part of a multipart/mixed request'
            : "No part of the request has this attachment's sha2",
          { index, sha2 },
        );
      }
    }
  });
  for (const part of parts) {
    if (!used.has(part.sha2)) fail('A part matches no attachment of the statements', { sha2: part.sha2 });
  }
  return [...byHash.values()];
}

/** The sha2 of every attachment of these stored statements, in order, once each. */
export function attachmentHashes(statements: readonly Statement[]): string[] {
  const hashes = new Set<string>();
  for (const s of statements) for (const a of attachmentsOf(s)) hashes.add(a.sha2.toLowerCase());
  return [...hashes];
}
