import type { Category, CourseTags, CurriculumFrameworkTree, CurriculumItem } from '@satchel/core';

// Curriculum and category choices for the course form. Names are language maps ({ en, ar, ... }): the
// author's language is shown when the map has it.

export function pickName(names: Readonly<Record<string, string>>, locale: string): string {
  const base = locale.split('-')[0] ?? locale;
  return names[locale] ?? names[base] ?? Object.values(names)[0] ?? '';
}

export function itemLabel(item: CurriculumItem, locale: string): string {
  const name = pickName(item.name, locale);
  return item.code && item.code !== name ? `${item.code} – ${name}` : name;
}

/**
 * The outcomes worth offering: those of the chosen grades and subjects (all of them when none is
 * chosen), plus any already chosen so they can be unticked.
 */
export function relevantOutcomes(
  framework: CurriculumFrameworkTree,
  tags: Pick<CourseTags, 'gradeIds' | 'subjectIds'>,
  chosen: readonly string[],
): CurriculumItem[] {
  const grades = framework.grades
    .filter((grade) => tags.gradeIds.includes(grade.id))
    .map((grade) => grade.id);
  const subjects = framework.subjects
    .filter((subject) => tags.subjectIds.includes(subject.id))
    .map((subject) => subject.id);
  return framework.outcomes.filter((outcome) => {
    if (chosen.includes(outcome.id)) return true;
    const gradeFits = grades.length === 0 || (outcome.gradeId !== null && grades.includes(outcome.gradeId));
    const subjectFits =
      subjects.length === 0 || (outcome.subjectId !== null && subjects.includes(outcome.subjectId));
    return gradeFits && subjectFits;
  });
}

/** The outcomes a lesson may teach: the course's own when it has some, else those relevant to its tags. */
export function lessonOutcomeChoices(
  frameworks: readonly CurriculumFrameworkTree[],
  tags: CourseTags,
  chosen: readonly string[],
): CurriculumItem[] {
  const all = frameworks.flatMap((framework) => framework.outcomes);
  if (tags.outcomeIds.length > 0) {
    return all.filter((outcome) => tags.outcomeIds.includes(outcome.id) || chosen.includes(outcome.id));
  }
  return frameworks.flatMap((framework) => relevantOutcomes(framework, tags, chosen));
}

export interface CategoryChoice {
  readonly id: string;
  readonly depth: number;
  readonly name: string;
}

/** The category tree as a flat list, each child right after its parent, with its depth. */
export function flattenCategories(categories: readonly Category[], locale: string): CategoryChoice[] {
  const children = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent =
      category.parentId !== null && categories.some((c) => c.id === category.parentId)
        ? category.parentId
        : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const out: CategoryChoice[] = [];
  const visit = (parent: string | null, depth: number) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) => a.sort - b.sort);
    for (const category of siblings) {
      if (out.some((choice) => choice.id === category.id)) continue;
      out.push({ id: category.id, depth, name: pickName(category.name, locale) });
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
