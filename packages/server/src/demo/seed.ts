import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Services } from '../app/services.js';
import { importCoursePackage } from '../course-packages/package-import.js';
import { directorySource } from '../course-packages/package-source.js';
import { conflict } from '../http/errors.js';
import { seedCinema } from './demo-cinema.js';
import { createCategories, createFramework } from './demo-curriculum.js';
import { DEMO_EDUCATORS, DEMO_LEARNERS, DEMO_TENANTS, type DemoTenant } from './demo-data.js';
import { EDUCATORS_PROGRESS, LEARNERS_PROGRESS, recordProgress, type DemoProgress } from './demo-progress.js';

// The demo programme: a youth platform and an educators platform with curriculum,
// courses in three languages, people in every role, classes, enrolments and some
// learning already recorded. Built only through the services, as an admin would.

/** packages/server/demo-content, from src/demo (tests, tsx) and dist/demo (built) alike. */
export const DEMO_CONTENT_DIR = fileURLToPath(new URL('../../demo-content/', import.meta.url));

export interface SeedOptions {
  /** Called before each step, for a progress bar. */
  onStep?: (label: string, done: number, total: number) => void;
  contentDir?: string;
}

export type SeedOutcome =
  | {
      seeded: true;
      tenants: { slug: string; id: string }[];
      courses: number;
      users: number;
      statements: number;
    }
  | { seeded: false; reason: string };

const PROGRESS: ReadonlyMap<DemoTenant, readonly DemoProgress[]> = new Map([
  [DEMO_LEARNERS, LEARNERS_PROGRESS],
  [DEMO_EDUCATORS, EDUCATORS_PROGRESS],
]);

function stepsOf(tenant: DemoTenant): number {
  // platform, logo, curriculum, then one per user, course, path and class, then enrolments and progress
  // (and Learning Cinema on the youth platform).
  const cinema = tenant === DEMO_LEARNERS ? 1 : 0;
  return (
    3 + tenant.users.length + tenant.courses.length + tenant.paths.length + tenant.classes.length + 2 + cinema
  );
}

/** Whether the demo platforms are there already: all (nothing to do), none (seed), or some (refuse). */
export async function demoState(
  services: Pick<Services, 'tenants'>,
): Promise<'seeded' | 'absent' | 'partial'> {
  const slugs = new Set((await services.tenants.list()).map((t) => t.slug));
  const present = DEMO_TENANTS.filter((t) => slugs.has(t.create.slug)).length;
  return present === DEMO_TENANTS.length ? 'seeded' : present === 0 ? 'absent' : 'partial';
}

export async function seedDemo(services: Services, options: SeedOptions = {}): Promise<SeedOutcome> {
  const state = await demoState(services);
  if (state === 'seeded')
    return {
      seeded: false,
      reason: 'The demo is already seeded (the learners and educators platforms exist); nothing to do.',
    };
  if (state === 'partial') {
    throw conflict(
      'demo_partial',
      `Only some of the demo platforms (${DEMO_TENANTS.map((t) => t.create.slug).join(', ')}) exist: a platform uses one of their addresses, or an earlier seed stopped half-way. Seed the demo into an empty database.`,
    );
  }
  const contentDir = options.contentDir ?? DEMO_CONTENT_DIR;
  const total = DEMO_TENANTS.reduce((n, t) => n + stepsOf(t), 0);
  let done = 0;
  const step = (label: string): void => options.onStep?.(label, done++, total);
  const outcome = {
    seeded: true as const,
    tenants: [] as { slug: string; id: string }[],
    courses: 0,
    users: 0,
    statements: 0,
  };
  for (const tenant of DEMO_TENANTS) {
    const seeded = await seedTenant(services, tenant, contentDir, step);
    outcome.tenants.push({ slug: tenant.create.slug, id: seeded.tenantId });
    outcome.courses += tenant.courses.length;
    outcome.users += tenant.users.length;
    outcome.statements += seeded.statements;
  }
  options.onStep?.('done', total, total);
  return outcome;
}

async function seedTenant(
  services: Services,
  spec: DemoTenant,
  contentDir: string,
  step: (label: string) => void,
) {
  const slug = spec.create.slug;
  step(`${slug}: platform`);
  const { id: tenantId } = await services.tenants.create(spec.create);

  step(`${slug}: logo`);
  const logo = await services.blobs.putBuffer(
    tenantId,
    await readFile(join(contentDir, 'media', spec.logo)),
    'image/png',
  );
  await services.tenants.update(tenantId, { branding: { logoSha256: logo.sha256 } }, true);

  step(`${slug}: curriculum`);
  const curriculum = await createFramework(services, tenantId, spec.framework);
  await createCategories(services, tenantId, spec.categories);

  const users = new Map<string, { id: string; displayName: string }>();
  for (const u of spec.users) {
    step(`${slug}: user ${u.username}`);
    const created = await services.users.create(
      tenantId,
      {
        username: u.username,
        displayName: u.displayName,
        password: u.password,
        ...(u.pin ? { pin: u.pin } : {}),
        roles: u.roles,
        isOperator: u.isOperator === true,
        locale: u.locale ?? null,
        sex: u.sex ?? null,
        birthYear: u.birthYear ?? null,
        region: u.region ?? null,
        disability: u.disability ?? null,
      },
      null,
      { quickHash: true },
    );
    users.set(u.username, { id: created.id, displayName: u.displayName });
  }
  const userId = (username: string): string => {
    const found = users.get(username);
    if (!found) throw new Error(`the demo data names an unknown user "${username}"`);
    return found.id;
  };

  const versions = new Map<string, { courseId: string; versionId: string }>();
  for (const folder of spec.courses) {
    step(`${slug}: course ${folder}`);
    const source = await directorySource(join(contentDir, 'courses', folder), [contentDir]);
    const imported = await importCoursePackage(services, tenantId, source, {
      actorId: userId('author'),
      publish: true,
    });
    versions.set(folder, { courseId: imported.courseId, versionId: imported.published!.versionId });
  }
  const courseId = (folder: string): string => {
    const found = versions.get(folder);
    if (!found) throw new Error(`the demo data names an unknown course "${folder}"`);
    return found.courseId;
  };

  const paths = new Map<string, string>();
  for (const path of spec.paths) {
    step(`${slug}: path ${path.title}`);
    const created = await services.paths.create(tenantId, {
      title: path.title,
      description: path.description,
      language: spec.create.defaultLocale ?? 'en',
      courseIds: path.courses.map(courseId),
      enforceOrder: path.enforceOrder,
      published: true,
    });
    paths.set(path.title, created.id);
  }

  for (const group of spec.classes) {
    step(`${slug}: class ${group.name}`);
    const created = await services.classes.create(tenantId, {
      name: group.name,
      code: group.code,
      ...(group.grade ? { gradeId: curriculum.get(group.grade)! } : {}),
    });
    for (const username of group.educators)
      await services.classes.addMember(tenantId, created.id, userId(username), 'educator');
    for (const username of group.learners)
      await services.classes.addMember(tenantId, created.id, userId(username), 'learner');
    const assignedBy = userId(group.educators[0] ?? 'admin');
    for (const folder of group.courses) {
      await services.enrolments.enrol(tenantId, {
        courseId: courseId(folder),
        classId: created.id,
        source: 'assigned',
        assignedBy,
      });
    }
    for (const title of group.paths) {
      await services.enrolments.enrol(tenantId, {
        pathId: paths.get(title)!,
        classId: created.id,
        source: 'assigned',
        assignedBy,
      });
    }
  }

  step(`${slug}: self-enrolments`);
  for (const [username, folder] of spec.selfEnrolments) {
    await services.enrolments.enrol(tenantId, {
      courseId: courseId(folder),
      userId: userId(username),
      source: 'self',
    });
  }

  step(`${slug}: learning records`);
  const statements = await recordProgress(services, { tenantId, users, versions }, PROGRESS.get(spec) ?? []);

  if (spec === DEMO_LEARNERS) {
    step(`${slug}: learning cinema`);
    const facilitator = spec.users.find((u) => u.roles.includes('facilitator'));
    if (facilitator) {
      await seedCinema(services, {
        tenantId,
        contentDir,
        facilitator: {
          id: userId(facilitator.username),
          username: facilitator.username,
          displayName: facilitator.displayName,
        },
      });
    }
  }
  return { tenantId, statements };
}
