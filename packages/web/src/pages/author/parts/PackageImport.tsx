import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { UploadProgress } from '../../../api/client.js';
import { ApiError } from '../../../api/errors.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import {
  Alert,
  Button,
  FileField,
  FormActions,
  LinkButton,
  PageHeading,
  ProgressBar,
  Spinner,
} from '../../../ui/index.js';
import { courseEditorPath } from '../courses/author-paths.js';

/** The texts of one import page, by role; each standard keeps its own wording. */
export interface PackageImportMessages {
  readonly title: MessageKey;
  readonly intro: MessageKey;
  readonly file: MessageKey;
  readonly fileHint?: MessageKey;
  readonly fileRequired: MessageKey;
  readonly submit: MessageKey;
  readonly uploading: MessageKey;
  readonly processing: MessageKey;
  readonly resultLabel: MessageKey;
  readonly refused: MessageKey;
  readonly nothingCreated: MessageKey;
  readonly done: MessageKey;
  readonly openEditor: MessageKey;
}

export interface PackageImportProps<R extends { courseId: string; title: string }> {
  readonly messages: PackageImportMessages;
  readonly accept: string;
  readonly upload: (file: File, onProgress: (progress: UploadProgress) => void) => Promise<R>;
  /** The error details naming the file or entry at fault, in the order the server may use them. */
  readonly placeKeys: readonly string[];
  /** "in <file>, rule <rule>" as this standard words it; either may be null. */
  readonly refusedWhere: (place: string | null, rule: string | null) => ComponentChildren;
  /** More to show and link once the draft exists (a report, say). */
  readonly afterSuccess?: (result: R) => ComponentChildren;
}

type Phase = 'idle' | 'uploading' | 'processing';

/**
 * Uploading a package of another standard (SCORM, cmi5, Common Cartridge) as a new course
 * draft: the file, upload progress, then either the draft or the refusal with the file and
 * rule at fault (the server imports all or nothing).
 */
export function PackageImport<R extends { courseId: string; title: string }>({
  messages,
  accept,
  upload,
  placeKeys,
  refusedWhere,
  afterSuccess,
}: PackageImportProps<R>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const run = async () => {
    if (phase !== 'idle') return;
    if (!file) {
      setFileProblem(t(messages.fileRequired));
      return;
    }
    setFileProblem(null);
    setResult(null);
    setFailure(null);
    setPhase('uploading');
    try {
      setResult(
        await upload(file, (next) => {
          setProgress(next);
          if (next.total !== null && next.loaded >= next.total) setPhase('processing');
        }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setPhase('idle');
      setProgress(null);
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  const details = failure instanceof ApiError ? failure.details : undefined;
  const place = placeKeys.map((key) => details?.[key]).find((value) => typeof value === 'string') ?? null;
  const rule = typeof details?.rule === 'string' ? details.rule : null;
  const percent = progress?.total ? (progress.loaded / progress.total) * 100 : 0;

  return (
    <div class="page stack author-page">
      <PageHeading>{t(messages.title)}</PageHeading>
      <p>{t(messages.intro)}</p>
      <FileField
        label={t(messages.file)}
        {...(messages.fileHint ? { description: t(messages.fileHint) } : {})}
        accept={accept}
        error={fileProblem}
        disabled={phase !== 'idle'}
        onFile={(chosen) => {
          setFile(chosen);
          setFileProblem(null);
        }}
      />
      <FormActions>
        <Button variant="primary" busy={phase !== 'idle'} onClick={() => void run()}>
          {t(messages.submit)}
        </Button>
      </FormActions>
      {phase === 'uploading' && progress && (
        <ProgressBar label={t(messages.uploading, { name: file?.name ?? '' })} value={percent} />
      )}
      {phase === 'processing' && <Spinner label={t(messages.processing)} />}

      <div ref={resultRef} tabIndex={-1} role="region" aria-label={t(messages.resultLabel)}>
        {failure !== null && (
          <Alert tone="error" title={t(messages.refused)}>
            <p dir="auto">{failure instanceof ApiError ? failure.message : i18n.errorMessage(failure)}</p>
            {(place !== null || rule !== null) && <p dir="auto">{refusedWhere(place, rule)}</p>}
            <p>{t(messages.nothingCreated)}</p>
          </Alert>
        )}
        {result && (
          <div class="stack">
            <Alert tone="success">{t(messages.done, { title: result.title })}</Alert>
            <p>
              <LinkButton to={courseEditorPath(result.courseId)} variant="primary">
                {t(messages.openEditor)}
              </LinkButton>
            </p>
            {afterSuccess?.(result)}
          </div>
        )}
      </div>
    </div>
  );
}
