import { ApiError } from '../../api/errors.js';
import type { I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages/en.js';

// Messages for the errors the author area meets. Codes the whole app shares (offline, signed out...)
// fall through to i18n.errorMessage.

const KIND_NAMES: Readonly<Record<string, MessageKey>> = {
  video: 'author.kind.video',
  audio: 'author.kind.audio',
  pdf: 'author.kind.pdf',
  image: 'author.kind.image',
  epub: 'author.kind.epub',
  html5: 'author.kind.html5',
  captions: 'author.kind.captions',
  markdown: 'author.kind.markdown',
  link: 'author.kind.link',
  quiz: 'author.kind.quiz',
};

/** The name of a library or lesson kind, in the interface language. */
export function kindName(i18n: I18n, kind: string): string {
  const key = KIND_NAMES[kind];
  return key ? i18n.t(key) : kind;
}

const SIMPLE: Readonly<Record<string, MessageKey>> = {
  edit_conflict: 'author.errors.editConflict',
  variant_exists: 'author.errors.variantExists',
  course_archived: 'author.errors.courseArchived',
  course_not_found: 'author.errors.courseNotFound',
  library_item_not_found: 'author.errors.itemGone',
  captions_not_supported: 'author.errors.captionsNotSupported',
  unsupported_media_type: 'author.errors.unsupportedType',
  too_many_questions: 'author.errors.tooManyQuestions',
  publish_conflict: 'author.errors.publishConflict',
  lesson_not_found: 'author.errors.lessonNotSaved',
  lesson_not_quiz: 'author.errors.lessonNotSaved',
  invalid_question_csv: 'author.quiz.csvInvalid',
};

const numberDetail = (details: Readonly<Record<string, unknown>>, key: string): number | null => {
  const value = details[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

function tooLargeMessage(i18n: I18n, error: ApiError): string {
  const limit = numberDetail(error.details, 'limit');
  const used = numberDetail(error.details, 'used');
  if (error.details['rule'] === 'storage_quota' && limit !== null) {
    return i18n.t('author.errors.storageFull', {
      used: i18n.formatBytes(used ?? limit),
      limit: i18n.formatBytes(limit),
    });
  }
  return limit === null
    ? i18n.t('author.errors.tooLargeUnknown')
    : i18n.t('author.errors.tooLarge', { limit: i18n.formatBytes(limit) });
}

function unsupportedFileMessage(i18n: I18n, error: ApiError): string {
  const kind = error.details['kind'];
  const line = numberDetail(error.details, 'line');
  if (kind === 'captions') {
    return line === null
      ? i18n.t('author.errors.badCaptions')
      : i18n.t('author.errors.badCaptionsLine', { line });
  }
  const expected = typeof kind === 'string' ? kindName(i18n, kind) : i18n.t('author.library.file');
  const detected = error.details['detected'];
  return typeof detected === 'string' && detected !== '' && detected !== 'unknown'
    ? i18n.t('author.errors.unsupportedFileDetected', { kind: expected, detected })
    : i18n.t('author.errors.unsupportedFile', { kind: expected });
}

export function authorErrorMessage(i18n: I18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.errorMessage(error);
  if (error.code === 'payload_too_large' || error.status === 413) return tooLargeMessage(i18n, error);
  if (error.code === 'unsupported_file') return unsupportedFileMessage(i18n, error);
  const key = SIMPLE[error.code];
  return key ? i18n.t(key) : i18n.errorMessage(error);
}

export function isEditConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'edit_conflict';
}
