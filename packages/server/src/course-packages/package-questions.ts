import type { Question } from '@satchel/core';
import type { CoursePackage } from './course-package.schema.js';
import type { PackageProblem } from './package-validate.js';

// Consistency of quiz questions that the schema alone cannot express: every id
// used once, answers that name existing options, one answer list per blank.
// A quiz that passed these checks can be graded by core without surprises.

function duplicate(ids: readonly string[]): string | undefined {
  return ids.find((id, i) => ids.indexOf(id) !== i);
}

function questionProblems(q: Question): string[] {
  switch (q.type) {
    case 'single': {
      const ids = q.options.map((o) => o.id);
      const dup = duplicate(ids);
      if (dup) return [`option id "${dup}" is used twice`];
      return ids.includes(q.correct)
        ? []
        : [`"correct" is "${q.correct}", which is not one of the option ids`];
    }
    case 'multiple': {
      const ids = q.options.map((o) => o.id);
      const dup = duplicate(ids);
      if (dup) return [`option id "${dup}" is used twice`];
      const unknown = q.correct.filter((c) => !ids.includes(c));
      return unknown.length > 0
        ? [`"correct" names ${unknown.map((u) => `"${u}"`).join(', ')}, not option ids`]
        : [];
    }
    case 'fill': {
      const marked = (q.prompt.match(/_{3,}/g) ?? []).length;
      return marked > 0 && marked !== q.blanks.length
        ? [`the prompt has ${marked} blank(s) (___) but "blanks" gives ${q.blanks.length}`]
        : [];
    }
    case 'ordering': {
      const dup = duplicate(q.items.map((i) => i.id));
      return dup ? [`item id "${dup}" is used twice`] : [];
    }
    case 'matching': {
      const dup = duplicate(q.pairs.map((p) => p.id));
      return dup ? [`pair id "${dup}" is used twice`] : [];
    }
    case 'truefalse':
    case 'numeric':
      return [];
  }
}

export function checkQuestions(course: CoursePackage): PackageProblem[] {
  const problems: PackageProblem[] = [];
  course.modules.forEach((mod, m) => {
    mod.lessons.forEach((lesson, l) => {
      if (lesson.kind !== 'quiz') return;
      const at = `modules.${m}.lessons.${l}.questions`;
      const dup = duplicate(lesson.questions.map((q) => q.id));
      if (dup) problems.push({ at, message: `question id "${dup}" is used twice in "${lesson.title}"` });
      lesson.questions.forEach((q, i) => {
        for (const message of questionProblems(q)) problems.push({ at: `${at}.${i}`, message });
      });
    });
  });
  return problems;
}
