import { createHash } from 'node:crypto';
import { isUuid, type CourseTags, type CurriculumFrameworkTree, type CurriculumItem } from '@satchel/core';
import type { CourseService } from '../courses/courses.service.js';
import type { CategoryService } from '../curriculum/categories.service.js';
import type { CurriculumService } from '../curriculum/curriculum.service.js';
import type { CoursePackage } from './course-package.schema.js';
import { packageInvalid, type PackageProblem } from './package-validate.js';

// A package names things of the tenant the way people do: curriculum entries by
// code, the category by name, prerequisites by title. This turns those names into
// the tenant's ids, or lists every name the tenant does not know.

export interface ResolvePorts {
  curriculum: Pick<CurriculumService, 'tree'>;
  categories: Pick<CategoryService, 'list'>;
  courses: Pick<CourseService, 'list' | 'titles'>;
}

export interface ResolvedReferences {
  categoryId: string | null;
  tags: CourseTags;
  /** Outcome ids by code, for the lessons' outcome tags. */
  outcomeIds: ReadonlyMap<string, string>;
  prerequisiteCourseIds: string[];
  variantGroupId: string | null;
}

/**
 * The variant group of a key: the key itself when it is a UUID (what an export
 * writes), otherwise a UUID derived from the tenant and the key, so that packages
 * imported one by one with the same key end up in one group.
 */
export function variantGroupIdFor(tenantId: string, key: string): string {
  if (isUuid(key)) return key.toLowerCase();
  const hex = createHash('sha256').update(`satchel:variant-group:${tenantId}:${key}`).digest('hex');
  // UUIDv8 (RFC 9562, custom): version nibble 8, variant bits 10.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Kind = CurriculumItem['kind'];

function codeIndex(frameworks: readonly CurriculumFrameworkTree[]): Map<string, CurriculumItem[]> {
  const index = new Map<string, CurriculumItem[]>();
  for (const framework of frameworks) {
    for (const item of [...framework.subjects, ...framework.grades, ...framework.outcomes]) {
      const key = `${item.kind}:${item.code}`;
      index.set(key, [...(index.get(key) ?? []), item]);
    }
  }
  return index;
}

async function resolveTags(
  ports: ResolvePorts,
  tenantId: string,
  course: CoursePackage,
  problems: PackageProblem[],
) {
  const all = (await ports.curriculum.tree(tenantId)).frameworks;
  let frameworks = all;
  if (course.tags.framework !== undefined) {
    frameworks = all.filter((f) => f.code === course.tags.framework);
    if (frameworks.length === 0)
      problems.push({
        at: 'tags.framework',
        message: `this platform has no curriculum framework with the code "${course.tags.framework}"`,
      });
  }
  const index = codeIndex(frameworks);
  const lookup = (kind: Kind, code: string, at: string): string | null => {
    const found = index.get(`${kind}:${code}`) ?? [];
    if (found.length === 1) return found[0]!.id;
    problems.push({
      at,
      message:
        found.length === 0
          ? `this platform's curriculum has no ${kind} with the code "${code}"`
          : `several frameworks have a ${kind} "${code}"; name one in "tags.framework"`,
    });
    return null;
  };
  const ids = (kind: Kind, codes: readonly string[], at: string): string[] =>
    [...new Set(codes)]
      .map((code, i) => lookup(kind, code, `${at}.${i}`))
      .filter((id): id is string => id !== null);
  const tags: CourseTags = {
    gradeIds: ids('grade', course.tags.grades, 'tags.grades'),
    subjectIds: ids('subject', course.tags.subjects, 'tags.subjects'),
    outcomeIds: ids('outcome', course.tags.outcomes, 'tags.outcomes'),
  };
  const outcomeIds = new Map<string, string>();
  course.modules.forEach((mod, m) =>
    mod.lessons.forEach((lesson, l) =>
      lesson.outcomes.forEach((code, i) => {
        if (outcomeIds.has(code)) return;
        const id = lookup('outcome', code, `modules.${m}.lessons.${l}.outcomes.${i}`);
        if (id) outcomeIds.set(code, id);
      }),
    ),
  );
  return { tags, outcomeIds };
}

async function resolveCategory(
  ports: ResolvePorts,
  tenantId: string,
  name: string | undefined,
  problems: PackageProblem[],
): Promise<string | null> {
  if (name === undefined) return null;
  const wanted = name.trim().toLocaleLowerCase();
  const matches = (await ports.categories.list(tenantId)).filter((c) =>
    Object.values(c.name).some((n) => n.trim().toLocaleLowerCase() === wanted),
  );
  if (matches.length === 1) return matches[0]!.id;
  problems.push({
    at: 'category',
    message:
      matches.length === 0
        ? `this platform has no category named "${name}"`
        : `several categories are named "${name}"`,
  });
  return null;
}

async function resolvePrerequisites(
  ports: ResolvePorts,
  tenantId: string,
  refs: readonly string[],
  problems: PackageProblem[],
): Promise<string[]> {
  const out: string[] = [];
  for (const [i, ref] of refs.entries()) {
    const at = `prerequisites.${i}`;
    if (isUuid(ref)) {
      if ((await ports.courses.titles(tenantId, [ref])).has(ref)) out.push(ref);
      else problems.push({ at, message: `this platform has no course with the id ${ref}` });
      continue;
    }
    const page = await ports.courses.list(tenantId, {
      q: ref,
      includeArchived: false,
      page: 1,
      pageSize: 200,
    });
    const exact = page.items.filter((c) => c.title === ref);
    if (exact.length === 1) out.push(exact[0]!.id);
    else if (exact.length === 0)
      problems.push({ at, message: `this platform has no course titled "${ref}" (import it first)` });
    else problems.push({ at, message: `several courses are titled "${ref}"; give the course id instead` });
  }
  return [...new Set(out)];
}

/** Resolves every name in the package against the tenant; throws `package_invalid` listing the unknown ones. */
export async function resolveReferences(
  ports: ResolvePorts,
  tenantId: string,
  course: CoursePackage,
  label: string,
): Promise<ResolvedReferences> {
  const problems: PackageProblem[] = [];
  const { tags, outcomeIds } = await resolveTags(ports, tenantId, course, problems);
  const categoryId = await resolveCategory(ports, tenantId, course.category, problems);
  const prerequisiteCourseIds = await resolvePrerequisites(ports, tenantId, course.prerequisites, problems);
  if (problems.length > 0) throw packageInvalid(problems, label);
  return {
    categoryId,
    tags,
    outcomeIds,
    prerequisiteCourseIds,
    variantGroupId:
      course.variantGroup === undefined ? null : variantGroupIdFor(tenantId, course.variantGroup),
  };
}
