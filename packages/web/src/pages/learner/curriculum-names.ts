import type { Category, CurriculumFrameworkTree, CurriculumItem } from '@satchel/core';

/** A language map's text in the wanted locale, else its base language, else any (core's pickLanguage). */
export function pickName(map: Readonly<Record<string, string>>, locale: string): string {
  const base = locale.split('-')[0] ?? locale;
  return map[locale] ?? map[base] ?? Object.values(map)[0] ?? '';
}

export interface NamedOption {
  readonly value: string;
  readonly label: string;
}

export interface OutcomeOption extends NamedOption {
  readonly gradeId: string | null;
  readonly subjectId: string | null;
}

export interface CurriculumOptions {
  readonly grades: readonly NamedOption[];
  readonly subjects: readonly NamedOption[];
  readonly outcomes: readonly OutcomeOption[];
}

/**
 * Filter choices from every framework, each list in the framework's own order. With several
 * frameworks the framework's name is added, since two of them may both have a "Grade 1".
 */
export function curriculumOptions(
  frameworks: readonly CurriculumFrameworkTree[],
  locale: string,
): CurriculumOptions {
  const several = frameworks.length > 1;
  const label = (framework: CurriculumFrameworkTree, text: string) =>
    several ? `${text} (${pickName(framework.name, locale) || framework.code})` : text;
  const named = (framework: CurriculumFrameworkTree, items: readonly CurriculumItem[]) =>
    items.map((item) => ({
      value: item.id,
      label: label(framework, pickName(item.name, locale) || item.code),
    }));
  return {
    grades: frameworks.flatMap((framework) => named(framework, framework.grades)),
    subjects: frameworks.flatMap((framework) => named(framework, framework.subjects)),
    outcomes: frameworks.flatMap((framework) =>
      framework.outcomes.map((outcome) => ({
        value: outcome.id,
        label: label(framework, `${outcome.code} – ${pickName(outcome.name, locale)}`),
        gradeId: outcome.gradeId,
        subjectId: outcome.subjectId,
      })),
    ),
  };
}

/** The outcomes that fit the chosen grade and subject (all of them when neither is chosen). */
export function outcomesFor(
  outcomes: readonly OutcomeOption[],
  gradeId: string,
  subjectId: string,
): OutcomeOption[] {
  return outcomes.filter(
    (outcome) =>
      (gradeId === '' || outcome.gradeId === gradeId) &&
      (subjectId === '' || outcome.subjectId === subjectId),
  );
}

/**
 * Categories as a flat list for a select, children under their parent and indented by depth
 * (the API lists parents before children, siblings in order).
 */
export function categoryOptions(categories: readonly Category[], locale: string): NamedOption[] {
  const children = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent = categories.some((c) => c.id === category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const options: NamedOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const category of children.get(parent) ?? []) {
      // Non-breaking spaces: a select shows leading spaces only when they cannot collapse.
      options.push({
        value: category.id,
        label: `${'\u00a0\u00a0'.repeat(depth)}${pickName(category.name, locale)}`,
      });
      if (depth < 10) visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

export interface TagName {
  readonly kind: 'grade' | 'subject' | 'outcome';
  readonly name: string;
  /** Outcome codes, shown with the name. */
  readonly code: string;
}

/** Curriculum entries by id, to name the tags on a course page. */
export function curriculumIndex(
  frameworks: readonly CurriculumFrameworkTree[],
  locale: string,
): Map<string, TagName> {
  const index = new Map<string, TagName>();
  for (const framework of frameworks) {
    for (const item of [...framework.grades, ...framework.subjects, ...framework.outcomes]) {
      index.set(item.id, {
        kind: item.kind,
        name: pickName(item.name, locale) || item.code,
        code: item.code,
      });
    }
  }
  return index;
}
