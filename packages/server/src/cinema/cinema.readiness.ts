import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { PlanReadiness } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import { checkKind, SNIFF_BYTES } from '../content/sniff.js';
import type { LibraryKind } from '@satchel/core';
import type { PlanMediaRow } from './cinema.repo.js';

type ItemCheck = PlanReadiness['items'][number];

/** What a projector can show: films, sound, pictures and PDF slides. */
const PLAYABLE: ReadonlySet<string> = new Set(['video', 'audio', 'image', 'pdf']);

async function fileSha256(path: string): Promise<string | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Whether one media item of a plan will play on this machine: the item exists, its file is
 * here, the bytes still hash to the name they were stored under (with `verifyHashes`) (a copy that rotted on a
 * laptop's disk is caught before the team leaves), and they are a format a browser plays.
 */
export async function checkItem(
  tenantId: string,
  itemId: string,
  title: string,
  item: PlanMediaRow | undefined,
  blobs: BlobStore,
  verifyHashes: boolean,
): Promise<ItemCheck> {
  const result = (status: ItemCheck['status'], message: string): ItemCheck => ({
    itemId,
    title: item?.title ?? title,
    status,
    message,
  });
  if (!item) return result('missing_item', 'The library item is not on this server');
  if (!PLAYABLE.has(item.kind))
    return result('unplayable', `A ${item.kind} item cannot be shown in a session`);
  if (!item.blob_sha256 || !(await blobs.has(tenantId, item.blob_sha256))) {
    return result('missing_file', 'The file has not been copied to this server yet');
  }
  const path = blobs.filePath(item.blob_sha256);
  // Hashing a film takes seconds on a laptop, so only an explicit check (and packing) reads every
  // byte; opening a plan compares sizes, which catches a truncated or overwritten copy.
  const size = (await stat(path).catch(() => null))?.size;
  if (size === undefined) return result('missing_file', 'The file is recorded but missing from the disk');
  const damaged = verifyHashes ? (await fileSha256(path)) !== item.blob_sha256 : size !== Number(item.size);
  if (damaged) return result('corrupt', 'The file on disk is damaged; copy it again');
  const check = checkKind(item.kind as LibraryKind, await head(path));
  if (!check.ok) return result('unplayable', check.reason);
  return result('ok', 'Ready');
}
