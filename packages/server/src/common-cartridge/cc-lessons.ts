import type { CourseImportReportItem, Question, QuizSettings } from '@satchel/core';
import { mediaTypeForPath } from '../content/media-types.js';
import { detectFormat, SNIFF_BYTES } from '../content/sniff.js';
import type { CartridgeFiles } from './cc-files.js';
import { dirOf, htmlToText, imagePage, normalisePath, rewritePage, withCompletion } from './cc-html.js';
import type { CcResource } from './cc-manifest.js';
import { readQti } from './cc-qti.js';
import { attr, child, deepText, parseXml } from './cc-xml.js';

// One organisation item's resource → one planned lesson (files still in the zip),
// or report lines saying why not.

/** A file of the lesson: from the cartridge, or made here (a rewritten page). */
export type PlannedFile = { zip: string; mediaType: string } | { bytes: Buffer; mediaType: string };

export type PlannedLesson =
  | { kind: 'html5'; title: string; entry: string; files: Map<string, PlannedFile> }
  | { kind: 'pdf' | 'epub' | 'video' | 'audio'; title: string; file: PlannedFile }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'quiz'; title: string; quiz: Partial<QuizSettings>; questions: Question[] };

export interface LessonContext {
  files: CartridgeFiles;
  resources: ReadonlyMap<string, CcResource>;
  report: CourseImportReportItem[];
  /** Module and item titles, for the report. */
  where: string;
}

const XML_MAX_BYTES = 16 * 1024 * 1024;
const PAGE_MAX_BYTES = 5 * 1024 * 1024;
const HTML = /\.x?html?$/i;
const AUDIO_EXT = /\.(mp3|m4a|oga|ogg|opus|wav|weba)$/i;

function note(ctx: LessonContext, item: Omit<CourseImportReportItem, 'where'>): void {
  ctx.report.push({ ...item, where: ctx.where });
}

async function xmlOf(ctx: LessonContext, file: string): Promise<ReturnType<typeof parseXml>> {
  return parseXml(await ctx.files.read(file, XML_MAX_BYTES), file);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const extension = (path: string): string => /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';

/** A web content resource: a page with its files, or a media file shown by its lesson kind. */
export async function planWebContent(
  ctx: LessonContext,
  resource: CcResource,
  givenTitle: string,
): Promise<PlannedLesson | null> {
  const href = resource.href;
  const title = givenTitle || (href ? decodeURIComponentSafe(href.slice(dirOf(href).length)) : resource.id);
  if (!href || !ctx.files.names.has(href)) {
    note(ctx, {
      severity: 'skipped',
      kind: 'file',
      title,
      file: href,
      reason: href ? 'this file is not in the cartridge' : 'the resource names no file',
    });
    return null;
  }
  if (HTML.test(href)) return planPage(ctx, resource, href, title);
  const format = detectFormat(await ctx.files.head(href, SNIFF_BYTES));
  const file = (mediaType: string): PlannedFile => ({ zip: href, mediaType });
  switch (format) {
    case 'pdf':
      return { kind: 'pdf', title, file: file('application/pdf') };
    case 'epub':
      return { kind: 'epub', title, file: file('application/epub+zip') };
    case 'mp3':
    case 'wav':
      return { kind: 'audio', title, file: file(format === 'mp3' ? 'audio/mpeg' : 'audio/wav') };
    case 'mp4':
    case 'webm':
    case 'ogg': {
      const audio = AUDIO_EXT.test(href);
      const sub = format === 'mp4' ? 'mp4' : format;
      return { kind: audio ? 'audio' : 'video', title, file: file(`${audio ? 'audio' : 'video'}/${sub}`) };
    }
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'webp': {
      const page = `${href}.satchel.html`;
      const name = href.slice(dirOf(href).length);
      return {
        kind: 'html5',
        title,
        entry: page,
        files: new Map<string, PlannedFile>([
          [
            page,
            {
              bytes: Buffer.from(withCompletion(imagePage(title, encodeURIComponent(name)))),
              mediaType: 'text/html',
            },
          ],
          [href, { zip: href, mediaType: `image/${format}` }],
        ]),
      };
    }
    case 'zip':
    case 'webvtt':
    case 'unknown':
      note(ctx, {
        severity: 'skipped',
        kind: 'file',
        title,
        file: href,
        reason: `files of this type (.${extension(href) || format}) cannot be shown as a Satchel lesson`,
      });
      return null;
  }
}

async function planPage(
  ctx: LessonContext,
  resource: CcResource,
  href: string,
  pageTitle: string,
): Promise<PlannedLesson | null> {
  let title = pageTitle;
  const size = ctx.files.size(href) ?? 0;
  if (size > PAGE_MAX_BYTES) {
    note(ctx, {
      severity: 'skipped',
      kind: 'page',
      title,
      file: href,
      reason: `the page is larger than ${PAGE_MAX_BYTES} bytes`,
    });
    return null;
  }
  const html = (await ctx.files.read(href, PAGE_MAX_BYTES)).toString('utf8');
  const htmlTitle = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (htmlTitle && /\.x?html?$/i.test(title)) title = htmlToText(htmlTitle).text || title;
  const names = ctx.files.names;
  // $IMS-CC-FILEBASE$ means the resource's files: Canvas keeps them in web_resources/,
  // Moodle beside the page; the first candidate that exists wins.
  const resolveBase = (rest: string): string | null => {
    for (const base of ['web_resources/', dirOf(href), '', dirOf(resource.files[0] ?? href)]) {
      const candidate = normalisePath(base + rest);
      if (candidate && names.has(candidate)) return candidate;
    }
    return null;
  };
  const rewritten = rewritePage(html, href, resolveBase);
  const files = new Map<string, PlannedFile>();
  files.set(href, { bytes: Buffer.from(withCompletion(rewritten.html)), mediaType: 'text/html' });
  const add = (path: string): void => {
    if (!files.has(path) && names.has(path))
      files.set(path, { zip: path, mediaType: mediaTypeForPath(path) });
  };
  const missing = new Set<string>();
  for (const ref of rewritten.references) {
    if (ref.target && names.has(ref.target)) add(ref.target);
    else missing.add(ref.target ?? ref.value);
  }
  const dependencyFiles = resource.dependencies.flatMap((d) => ctx.resources.get(d)?.files ?? []);
  for (const f of [...resource.files, ...dependencyFiles]) add(f);
  for (const m of missing) {
    note(ctx, {
      severity: 'changed',
      kind: 'page',
      title,
      file: href,
      reason: `it refers to "${m}", which is not in the cartridge`,
    });
  }
  if (rewritten.canvasLinks > 0) {
    note(ctx, {
      severity: 'changed',
      kind: 'page',
      title,
      file: href,
      reason: `${rewritten.canvasLinks} link(s) to other Canvas pages or objects will not work in Satchel`,
    });
  }
  return { kind: 'html5', title, entry: href, files };
}

export async function planWebLink(
  ctx: LessonContext,
  resource: CcResource,
  title: string,
): Promise<PlannedLesson | null> {
  const file = resource.href;
  if (!file || !ctx.files.names.has(file)) {
    note(ctx, {
      severity: 'skipped',
      kind: 'link',
      title,
      file,
      reason: 'the web link file is not in the cartridge',
    });
    return null;
  }
  const root = await xmlOf(ctx, file);
  const url = (attr(child(root, 'url'), 'href') ?? '').trim();
  const ownTitle = deepText(child(root, 'title')).trim();
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(url).protocol) && url.length <= 2000;
  } catch {
    ok = false;
  }
  if (!ok) {
    note(ctx, {
      severity: 'skipped',
      kind: 'link',
      title: title || ownTitle,
      file,
      reason: `"${url.slice(0, 200)}" is not an http(s) address`,
    });
    return null;
  }
  return { kind: 'link', title: title || ownTitle || url, url };
}

export async function planAssessment(
  ctx: LessonContext,
  resource: CcResource,
  title: string,
): Promise<PlannedLesson | null> {
  const file = [resource.href, ...resource.files].find(
    (f): f is string => !!f && /\.(xml|qti)$/i.test(f) && ctx.files.names.has(f),
  );
  if (!file) {
    note(ctx, {
      severity: 'skipped',
      kind: 'quiz',
      title,
      file: resource.href,
      reason: 'its QTI file is not in the cartridge',
    });
    return null;
  }
  const quiz = readQti(await xmlOf(ctx, file), title || 'Quiz');
  const quizTitle = title || quiz.title;
  const where = `${ctx.where} › ${quizTitle}`;
  for (const s of quiz.skipped)
    ctx.report.push({ severity: 'skipped', kind: 'question', title: s.title, where, file, reason: s.reason });
  for (const c of quiz.changed)
    ctx.report.push({ severity: 'changed', kind: 'question', title: c.title, where, file, reason: c.reason });
  if (quiz.questions.length === 0) {
    note(ctx, {
      severity: 'skipped',
      kind: 'quiz',
      title: quizTitle,
      file,
      reason: 'none of its questions could be imported',
    });
    return null;
  }
  return { kind: 'quiz', title: quizTitle, quiz: quiz.settings, questions: quiz.questions.slice(0, 500) };
}

/** Discussion topics and LTI links stay behind; the report says what they were. */
export async function reportUnsupported(
  ctx: LessonContext,
  resource: CcResource,
  kind: 'discussion' | 'lti',
  title: string,
): Promise<void> {
  let detail = '';
  let ownTitle = '';
  if (resource.href && ctx.files.names.has(resource.href)) {
    try {
      const root = await xmlOf(ctx, resource.href);
      ownTitle = deepText(child(root, 'title')).trim();
      if (kind === 'discussion') {
        const text = htmlToText(deepText(child(root, 'text'))).text;
        if (text) detail = ` Its text begins: "${text.slice(0, 160)}${text.length > 160 ? '…' : ''}"`;
      } else {
        const url =
          deepText(child(root, 'secure_launch_url')).trim() || deepText(child(root, 'launch_url')).trim();
        if (url) detail = ` It launched ${url.slice(0, 300)}.`;
      }
    } catch {
      // The report says what it can; an unreadable topic file is still listed.
    }
  }
  note(ctx, {
    severity: 'skipped',
    kind,
    title: title || ownTitle || resource.id,
    file: resource.href,
    reason:
      (kind === 'discussion'
        ? 'discussion topics are not imported: Satchel has no discussion forums.'
        : 'LTI links need the outside tool and a key for it; they are not imported.') + detail,
  });
}
