import { Readable } from 'node:stream';
import type { BlobRef } from '@satchel/core';
import { z } from 'zod';
import type { BlobStore } from '../content/blob-store.js';
import { MirrorCourse, MirrorIndex } from '../mirror/mirror.schema.js';
import type { MirrorService } from '../mirror/mirror.service.js';
import { BundleError } from './bundle.container.js';
import type { FrameReader, FrameWriter } from './frames.js';

// The content section: the published courses the peer lacks, as frames in the order
// they must be applied — catalog support rows (curriculum, categories, paths), then
// every file, then each version's manifest with its catalog rows. A version is recorded
// only once all its files are stored, so a learner never opens a course with holes.

const MAX_SUPPORT_BYTES = 64 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

const Support = MirrorIndex.pick({ frameworks: true, curriculumItems: true, categories: true, paths: true });
const BlobHeader = z.object({
  t: z.literal('blob'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mediaType: z.string().min(1),
});
const CourseHeader = z.object({ t: z.literal('course'), course: MirrorCourse });

export interface ContentDeps {
  mirror: Pick<MirrorService, 'index' | 'manifestJson' | 'applySupport' | 'applyCourse'>;
  blobs: Pick<BlobStore, 'openRange' | 'has' | 'missing' | 'stageWithin' | 'commit' | 'discard'>;
}

export interface ContentPlan {
  courses: MirrorCourse[];
  blobs: BlobRef[];
  support: z.infer<typeof Support>;
}

/** What the peer lacks: the published versions not in `known`, and their files not in known versions. */
export async function planContent(
  deps: ContentDeps,
  tenant: { id: string; slug: string },
  known: ReadonlySet<string>,
): Promise<ContentPlan> {
  const index = await deps.mirror.index(tenant, {});
  const courses = index.courses.filter((c) => !known.has(c.versionId));
  const held = new Set(
    index.courses.filter((c) => known.has(c.versionId)).flatMap((c) => c.blobs.map((b) => b.sha256)),
  );
  const blobs = new Map<string, BlobRef>();
  for (const c of courses) for (const b of c.blobs) if (!held.has(b.sha256)) blobs.set(b.sha256, b);
  const { frameworks, curriculumItems, categories, paths } = index;
  return { courses, blobs: [...blobs.values()], support: { frameworks, curriculumItems, categories, paths } };
}

export async function writeContent(
  deps: ContentDeps,
  tenantId: string,
  plan: ContentPlan,
  frames: FrameWriter,
  onBlob?: () => void,
): Promise<void> {
  await frames.frame({ t: 'support' }, Buffer.from(JSON.stringify(plan.support)));
  for (const b of plan.blobs) {
    await frames.frame(
      { t: 'blob', sha256: b.sha256, size: b.size, mediaType: b.mediaType },
      deps.blobs.openRange(b.sha256),
      b.size,
    );
    onBlob?.();
  }
  for (const course of plan.courses) {
    const json = await deps.mirror.manifestJson(tenantId, course.versionId);
    await frames.frame({ t: 'course', course }, Buffer.from(json));
  }
}

export interface ContentOutcome {
  blobs: number;
  blobsAlreadyHere: number;
  courses: number;
}

export async function applyContent(
  deps: ContentDeps,
  tenantId: string,
  reader: FrameReader,
  onBlob?: () => void,
): Promise<ContentOutcome> {
  const outcome: ContentOutcome = { blobs: 0, blobsAlreadyHere: 0, courses: 0 };
  for (let frame = await reader.next(); frame; frame = await reader.next()) {
    const { header, payloadBytes } = frame;
    switch (header.t) {
      case 'support': {
        const support = Support.parse(
          JSON.parse((await reader.payload(payloadBytes, MAX_SUPPORT_BYTES)).toString('utf8')),
        );
        await deps.mirror.applySupport(tenantId, support);
        break;
      }
      case 'blob': {
        const blob = BlobHeader.parse(header);
        if (blob.size !== payloadBytes)
          throw new BundleError('damaged', `file ${blob.sha256} has the wrong length`);
        if (await deps.blobs.has(tenantId, blob.sha256)) {
          for await (const _chunk of reader.stream(payloadBytes)) {
            // already stored here: skip its bytes
          }
          outcome.blobsAlreadyHere++;
        } else {
          const staged = await deps.blobs.stageWithin(
            Readable.from(reader.stream(payloadBytes)),
            payloadBytes,
          );
          if (staged.sha256 !== blob.sha256 || staged.size !== blob.size) {
            await deps.blobs.discard([staged]);
            throw new BundleError(
              'damaged',
              `file ${blob.sha256} does not match its SHA-256; it was not stored`,
            );
          }
          await deps.blobs.commit(tenantId, [{ file: staged, mediaType: blob.mediaType }]);
          outcome.blobs++;
        }
        onBlob?.();
        break;
      }
      case 'course': {
        const { course } = CourseHeader.parse(header);
        const json = (await reader.payload(payloadBytes, MAX_MANIFEST_BYTES)).toString('utf8');
        await deps.mirror.applyCourse(tenantId, course, json, (refs) =>
          deps.blobs.missing(
            tenantId,
            refs.map((r) => r.sha256),
          ),
        );
        outcome.courses++;
        break;
      }
      default:
        // A frame kind from a newer Satchel: skip it rather than refuse the rest.
        for await (const _chunk of reader.stream(payloadBytes)) {
          // skipped
        }
    }
  }
  return outcome;
}
