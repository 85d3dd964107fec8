import { Question, type QuizSettings } from '@satchel/core';
import { materialText } from './cc-html.js';
import { attr, child, children, deepText, descendants, type XmlElement } from './cc-xml.js';

// QTI 1.2 as Common Cartridge profiles it (cc_profile metadata: multiple choice,
// multiple response, true/false, fill in the blank, pattern match, essay), plus the
// question_type metadata Canvas writes (which adds numerical and matching). Each
// item becomes a core Question with its grading key and points, or a reason why not.

export interface QtiNote {
  title: string;
  reason: string;
}

export interface QtiQuiz {
  title: string;
  settings: Partial<QuizSettings>;
  questions: Question[];
  skipped: QtiNote[];
  changed: QtiNote[];
}

type Profile =
  | 'single'
  | 'multiple'
  | 'truefalse'
  | 'fill'
  | 'pattern'
  | 'essay'
  | 'numeric'
  | 'matching'
  | { unsupported: string };

const CC_PROFILES: Record<string, Profile> = {
  'cc.multiple_choice.v0p1': 'single',
  'cc.multiple_response.v0p1': 'multiple',
  'cc.true_false.v0p1': 'truefalse',
  'cc.fib.v0p1': 'fill',
  'cc.pattern_match.v0p1': 'pattern',
  'cc.essay.v0p1': 'essay',
};

const CANVAS_TYPES: Record<string, Profile> = {
  multiple_choice_question: 'single',
  multiple_answers_question: 'multiple',
  true_false_question: 'truefalse',
  short_answer_question: 'fill',
  essay_question: 'essay',
  numerical_question: 'numeric',
  matching_question: 'matching',
};

function metadata(el: XmlElement | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  for (const field of descendants(el, 'qtimetadatafield')) {
    const label = deepText(child(field, 'fieldlabel')).trim();
    if (label) fields.set(label, deepText(child(field, 'fieldentry')).trim());
  }
  return fields;
}

function profileOf(item: XmlElement, meta: Map<string, string>): Profile {
  const cc = meta.get('cc_profile');
  if (cc) return CC_PROFILES[cc] ?? { unsupported: cc };
  const canvas = meta.get('question_type');
  if (canvas)
    return CANVAS_TYPES[canvas] ?? { unsupported: canvas.replace(/_question$/, '').replace(/_/g, ' ') };
  // No metadata: what the presentation asks for.
  const lid = descendants(child(item, 'presentation'), 'response_lid')[0];
  if (lid) return /multiple/i.test(attr(lid, 'rcardinality') ?? '') ? 'multiple' : 'single';
  if (descendants(child(item, 'presentation'), 'response_str')[0]) return 'fill';
  if (descendants(child(item, 'presentation'), 'response_num')[0]) return 'numeric';
  return { unsupported: 'unknown' };
}

function textOf(material: XmlElement | undefined): { text: string; hadMedia: boolean } {
  const parts = descendants(material, 'mattext').map((m) => materialText(m.text, attr(m, 'texttype')));
  const images = descendants(material, 'matimage').length > 0;
  return {
    text: parts
      .map((p) => p.text)
      .filter(Boolean)
      .join('\n'),
    hadMedia: images || parts.some((p) => p.hadMedia),
  };
}

/** The question's own text: the presentation's materials outside any response. */
function promptOf(presentation: XmlElement | undefined): { text: string; hadMedia: boolean } {
  const out: { text: string; hadMedia: boolean }[] = [];
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      const name = c.name.toLowerCase();
      if (name === 'material') out.push(textOf(c));
      else if (name === 'flow') walk(c);
    }
  };
  if (presentation) walk(presentation);
  return {
    text: out
      .map((o) => o.text)
      .filter(Boolean)
      .join('\n'),
    hadMedia: out.some((o) => o.hadMedia),
  };
}

interface Condition {
  score: number;
  /** Values the response must equal (not under <not>), per response ident. */
  equals: { respident: string; value: string; caseSensitive: boolean }[];
  substrings: string[];
  ranges: { lo: number | null; hi: number | null }[];
  other: boolean;
  feedback: string[];
}

function conditions(item: XmlElement): Condition[] {
  const out: Condition[] = [];
  for (const rc of descendants(child(item, 'resprocessing'), 'respcondition')) {
    const cond = child(rc, 'conditionvar');
    let score = 0;
    for (const sv of children(rc, 'setvar')) {
      const value = Number(sv.text.trim());
      if (Number.isFinite(value)) score = (attr(sv, 'action') ?? 'Set') === 'Set' ? value : score + value;
    }
    const c: Condition = { score, equals: [], substrings: [], ranges: [], other: false, feedback: [] };
    const walk = (el: XmlElement, negated: boolean): void => {
      for (const n of el.children) {
        const name = n.name.toLowerCase();
        if (name === 'not') walk(n, !negated);
        else if (name === 'and' || name === 'or') walk(n, negated);
        else if (negated) continue;
        else if (name === 'varequal')
          c.equals.push({
            respident: attr(n, 'respident') ?? '',
            value: n.text.trim(),
            caseSensitive: /^yes$/i.test(attr(n, 'case') ?? 'No'),
          });
        else if (name === 'varsubstring') c.substrings.push(n.text.trim());
        else if (name === 'other') c.other = true;
        else if (name === 'vargte' || name === 'vargt')
          c.ranges.push({ lo: Number(n.text.trim()), hi: null });
        else if (name === 'varlte' || name === 'varlt')
          c.ranges.push({ lo: null, hi: Number(n.text.trim()) });
      }
    };
    if (cond) walk(cond, false);
    c.feedback = children(rc, 'displayfeedback').map((d) => attr(d, 'linkrefid') ?? '');
    out.push(c);
  }
  return out;
}

function feedbackTexts(item: XmlElement): Map<string, string> {
  const map = new Map<string, string>();
  for (const fb of children(item, 'itemfeedback')) {
    const text = textOf(fb).text;
    const ident = attr(fb, 'ident');
    if (ident && text) map.set(ident, text.slice(0, 2000));
  }
  return map;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const safeId = (raw: string, fallback: string): string => {
  const id = raw.trim().slice(0, 64);
  return id === '' ? fallback : id;
};

interface ItemContext {
  item: XmlElement;
  title: string;
  prompt: string;
  points: number;
  conds: Condition[];
  feedback: Question['feedback'];
}

function choices(item: XmlElement): { id: string; text: string }[] {
  const lid = descendants(child(item, 'presentation'), 'response_lid')[0];
  return descendants(lid, 'response_label').map((label, i) => ({
    id: safeId(attr(label, 'ident') ?? '', `o${i + 1}`),
    text: clip(textOf(child(label, 'material') ?? label).text, 1000),
  }));
}

/** The condition that gives full marks: the highest score above zero. */
function best(conds: readonly Condition[]): Condition | undefined {
  return conds.filter((c) => c.score > 0).sort((a, b) => b.score - a.score)[0];
}

type Built = { question: Question; note?: string } | { skip: string };

const TRUE_WORDS = /^(true|vrai|verdadero|verdadeiro|صحيح|wahr|vero|yes|oui|sí|si|sim)$/i;
const FALSE_WORDS = /^(false|faux|falso|خطأ|falsch|no|non|não)$/i;

function build(profile: Profile, ctx: ItemContext, id: string): Built {
  const base = {
    id,
    prompt: ctx.prompt,
    points: ctx.points,
    ...(ctx.feedback ? { feedback: ctx.feedback } : {}),
  };
  if (typeof profile === 'object')
    return { skip: `questions of type "${profile.unsupported}" have no Satchel equivalent` };
  switch (profile) {
    case 'essay':
      return {
        skip: 'essay answers are marked by a person; Satchel quizzes grade every answer automatically',
      };
    case 'single':
    case 'truefalse':
    case 'multiple': {
      const options = choices(ctx.item);
      if (options.length < 2) return { skip: 'it has fewer than two choices' };
      if (options.some((o) => o.text === ''))
        return { skip: 'one of its choices has no text (an image only?)' };
      const winning = best(ctx.conds);
      const ids = new Set(options.map((o) => o.id));
      const correct = [...new Set((winning?.equals ?? []).map((e) => e.value))].filter((v) => ids.has(v));
      if (correct.length === 0) return { skip: 'it does not say which answer is correct' };
      if (profile === 'truefalse') {
        const t = options.find((o) => TRUE_WORDS.test(o.text));
        const f = options.find((o) => FALSE_WORDS.test(o.text));
        if (options.length === 2 && t && f)
          return { question: { ...base, type: 'truefalse', correct: correct[0] === t.id } };
      }
      if (profile === 'multiple') return { question: { ...base, type: 'multiple', options, correct } };
      const note = correct.length > 1 ? 'several answers were correct; only the first is kept' : undefined;
      return {
        question: { ...base, type: 'single', options, correct: correct[0]! },
        ...(note ? { note } : {}),
      };
    }
    case 'fill':
    case 'pattern': {
      const winners = ctx.conds.filter((c) => c.score > 0);
      const exact = [...new Set(winners.flatMap((c) => c.equals.map((e) => e.value)).filter(Boolean))];
      const substrings = winners.flatMap((c) => c.substrings).filter(Boolean);
      if (exact.length === 0)
        return {
          skip:
            substrings.length > 0
              ? 'its answers are matched by "contains", and Satchel compares whole answers'
              : 'it gives no accepted answer',
        };
      const caseSensitive = winners.flatMap((c) => c.equals).every((e) => e.caseSensitive);
      const question: Question = {
        ...base,
        type: 'fill',
        blanks: [exact.map((a) => clip(a, 200))],
        caseSensitive,
      };
      return substrings.length > 0
        ? { question, note: 'answers matched by "contains" were left out; the exact answers are kept' }
        : { question };
    }
    case 'numeric': {
      const winning = best(ctx.conds);
      const exact = winning?.equals.map((e) => Number(e.value)).find((n) => Number.isFinite(n));
      const lo = winning?.ranges.map((r) => r.lo).find((n): n is number => n !== null && Number.isFinite(n));
      const hi = winning?.ranges.map((r) => r.hi).find((n): n is number => n !== null && Number.isFinite(n));
      if (lo !== undefined && hi !== undefined && hi >= lo) {
        return {
          question: {
            ...base,
            type: 'numeric',
            answer: exact ?? (lo + hi) / 2,
            tolerance: Math.max(hi - (exact ?? (lo + hi) / 2), (exact ?? (lo + hi) / 2) - lo),
          },
        };
      }
      if (exact === undefined) return { skip: 'it gives no numeric answer' };
      return { question: { ...base, type: 'numeric', answer: exact, tolerance: 0 } };
    }
    case 'matching': {
      const lids = descendants(child(ctx.item, 'presentation'), 'response_lid');
      const pairs: { id: string; left: string; right: string }[] = [];
      for (const [i, lid] of lids.entries()) {
        const lidId = attr(lid, 'ident') ?? '';
        const labels = new Map(
          descendants(lid, 'response_label').map((l) => [
            attr(l, 'ident') ?? '',
            textOf(child(l, 'material') ?? l).text,
          ]),
        );
        const answer = ctx.conds
          .filter((c) => c.score > 0)
          .flatMap((c) => c.equals)
          .find((e) => e.respident === lidId);
        const left = textOf(child(lid, 'material')).text;
        const right = answer ? labels.get(answer.value) : undefined;
        if (!left || !right) return { skip: 'one of its pairs has no text or no answer' };
        pairs.push({ id: safeId(lidId, `p${i + 1}`), left, right });
      }
      if (pairs.length < 2) return { skip: 'it has fewer than two pairs' };
      return { question: { ...base, type: 'matching', pairs: pairs.slice(0, 20) } };
    }
  }
}

function positivePoints(meta: Map<string, string>): number | null {
  const raw = meta.get('cc_weighting') ?? meta.get('points_possible');
  if (raw === undefined) return 1;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : null;
}

/** Reads a QTI 1.2 questestinterop document (an assessment or a question bank). */
export function readQti(root: XmlElement, fallbackTitle: string): QtiQuiz {
  const assessment = child(root, 'assessment') ?? child(root, 'objectbank') ?? root;
  const title = (attr(assessment, 'title') ?? '').trim() || fallbackTitle;
  const meta = metadata(child(assessment, 'qtimetadata'));
  const settings: Partial<QuizSettings> = {};
  const attempts = meta.get('cc_maxattempts');
  if (attempts && /^\d+$/.test(attempts) && Number(attempts) > 0) settings.attemptLimit = Number(attempts);
  if (/self-?assessment|practice/i.test(meta.get('qmd_assessmenttype') ?? '')) settings.mode = 'practice';

  const quiz: QtiQuiz = { title, settings, questions: [], skipped: [], changed: [] };
  const used = new Set<string>();
  for (const [index, item] of descendants(assessment, 'item').entries()) {
    const itemMeta = metadata(child(item, 'itemmetadata'));
    const prompt = promptOf(child(item, 'presentation'));
    const label = clip((attr(item, 'title') ?? '').trim() || prompt.text || `Question ${index + 1}`, 200);
    if (!prompt.text) {
      quiz.skipped.push({ title: label, reason: 'it has no question text' });
      continue;
    }
    const points = positivePoints(itemMeta);
    const feedbacks = feedbackTexts(item);
    const conds = conditions(item);
    const winning = best(conds);
    const correctFb =
      winning?.feedback.map((f) => feedbacks.get(f)).find(Boolean) ?? feedbacks.get('correct_fb');
    const incorrectFb =
      conds
        .find((c) => c.other)
        ?.feedback.map((f) => feedbacks.get(f))
        .find(Boolean) ??
      feedbacks.get('general_incorrect_fb') ??
      feedbacks.get('incorrect_fb');
    let id = safeId(attr(item, 'ident') ?? '', `q${index + 1}`);
    while (used.has(id)) id = `${id.slice(0, 58)}-${index + 1}`;
    const built = build(
      profileOf(item, itemMeta),
      {
        item,
        title: label,
        prompt: clip(prompt.text, 4000),
        points: points ?? 1,
        conds,
        feedback:
          correctFb || incorrectFb
            ? {
                ...(correctFb ? { correct: correctFb } : {}),
                ...(incorrectFb ? { incorrect: incorrectFb } : {}),
              }
            : undefined,
      },
      id,
    );
    if ('skip' in built) {
      quiz.skipped.push({ title: label, reason: built.skip });
      continue;
    }
    const checked = Question.safeParse(built.question);
    if (!checked.success) {
      quiz.skipped.push({
        title: label,
        reason: `it cannot be expressed as a Satchel question (${checked.error.issues[0]?.message ?? 'invalid'})`,
      });
      continue;
    }
    used.add(id);
    quiz.questions.push(checked.data);
    const notes = [
      built.note,
      points === null ? 'it was worth no points; it now counts 1 point' : undefined,
      prompt.hadMedia ? 'images or media in the question text were left out' : undefined,
    ].filter((n): n is string => n !== undefined);
    for (const reason of notes) quiz.changed.push({ title: label, reason });
  }
  return quiz;
}
