import {
  AGE_BANDS,
  PLAN_STEP_KINDS,
  PlanContent,
  type AgeBand,
  type PlanContentInput,
  type PlanDetail,
  type PlanStep,
} from '@satchel/core';
import { useEffect, useState } from 'preact/hooks';
import { useApi, useTenant } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../router/history.js';
import type { PageProps } from '../../router/Router.js';
import {
  Alert,
  Button,
  Checkbox,
  ConfirmDialog,
  Form,
  LinkButton,
  PageHeading,
  Select,
  Spinner,
  TextArea,
  TextField,
  useAsyncAction,
} from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { errorText } from './problems.js';
import { Readiness } from './Readiness.js';
import { blankStep, StepEditor } from './StepEditor.js';
import './cinema.css';

interface Draft {
  readonly title: string;
  readonly description: string;
  readonly ageBand: AgeBand;
  readonly durationMinutes: string;
  readonly language: string;
  readonly tags: string;
  readonly shared: boolean;
  readonly steps: readonly PlanStep[];
}

function draftOf(plan: PlanDetail | null, language: string): Draft {
  return {
    title: plan?.title ?? '',
    description: plan?.description ?? '',
    ageBand: plan?.ageBand ?? '6-11',
    durationMinutes: String(plan?.durationMinutes ?? 60),
    language: plan?.language ?? language,
    tags: plan?.tags.join(', ') ?? '',
    shared: plan?.shared ?? false,
    steps: plan?.steps ?? [],
  };
}

function contentOf(draft: Draft): PlanContentInput {
  return {
    title: draft.title,
    description: draft.description,
    ageBand: draft.ageBand,
    durationMinutes: Number.parseInt(draft.durationMinutes, 10),
    language: draft.language.trim(),
    tags: draft.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    shared: draft.shared,
    steps: draft.steps.map((step) =>
      step.kind === 'groupQuiz' || step.kind === 'poll'
        ? { ...step, options: step.options.map((option) => option.trim()).filter((option) => option !== '') }
        : step,
    ),
  };
}

let stepCounter = 0;
const newStepId = (): string => `s${Date.now().toString(36)}${(stepCounter++).toString(36)}`;

/** Builds a plan from library media and group activities; `/cinema/plans/new` starts an empty one. */
export default function PlanEditorPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const planId = params.planId ?? 'new';
  const isNew = planId === 'new';
  const plan = useResource(
    (signal) => (isNew ? Promise.resolve(null) : cinemaApi.plan(api, planId, signal)),
    [api, planId],
  );
  const media = useResource((signal) => cinemaApi.media(api, signal), [api]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [kindToAdd, setKindToAdd] = useState<PlanStep['kind']>('media');
  const [problems, setProblems] = useState<string[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (plan.status === 'ready') setDraft(draftOf(plan.data, tenant.defaultLocale));
  }, [plan.status, plan.status === 'ready' ? plan.data : null]);

  const save = useAsyncAction(async () => {
    if (!draft) return;
    const content = contentOf(draft);
    const checked = PlanContent.safeParse(content);
    if (!checked.success) {
      setProblems(checked.error.issues.map((issue) => `${issue.path.join(' › ')}: ${issue.message}`));
      return;
    }
    setProblems([]);
    const saved =
      plan.status === 'ready' && plan.data
        ? await cinemaApi.updatePlan(api, plan.data.id, content, plan.data.version)
        : await cinemaApi.createPlan(api, content);
    navigate(paths.cinemaPlan(saved.id), { replace: isNew });
    plan.reload();
  });
  const remove = useAsyncAction(async () => {
    if (plan.status !== 'ready' || !plan.data) return;
    await cinemaApi.deletePlan(api, plan.data.id);
    navigate(paths.cinema);
  });

  if (plan.status === 'loading' || !draft) {
    return plan.status === 'error' ? (
      <div class="page">
        <Alert tone="error">{errorText(i18n, plan.error)}</Alert>
      </div>
    ) : (
      <Spinner block label={t('common.loading')} />
    );
  }
  const existing = plan.status === 'ready' ? plan.data : null;
  const readOnly = existing !== null && !existing.editable;
  const mediaItems = media.status === 'ready' ? media.data.items : [];
  const update = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setStep = (index: number, step: PlanStep) =>
    update({ steps: draft.steps.map((current, i) => (i === index ? step : current)) });
  const moveStep = (index: number, delta: -1 | 1) => {
    const steps = [...draft.steps];
    const [step] = steps.splice(index, 1);
    if (step) steps.splice(index + delta, 0, step);
    update({ steps });
  };

  return (
    <div class="page stack cinema-page">
      <PageHeading>
        {isNew ? t('cinema.editor.newTitle') : draft.title || t('cinema.editor.untitled')}
      </PageHeading>
      {existing && (
        <div class="cinema-actions">
          <LinkButton to={paths.cinemaRun(existing.id)} variant="primary">
            {t('cinema.plans.run')}
          </LinkButton>
          <LinkButton to={paths.cinema}>{t('cinema.editor.back')}</LinkButton>
        </div>
      )}
      {readOnly && <Alert tone="info">{t('cinema.editor.readOnly')}</Alert>}
      {existing && <Readiness planId={existing.id} />}
      <Form class="stack" aria-label={t('cinema.editor.formLabel')} onSubmit={() => void save.run()}>
        <TextField
          label={t('cinema.plan.title')}
          value={draft.title}
          maxLength={200}
          disabled={readOnly}
          onValue={(title) => update({ title })}
        />
        <TextArea
          label={t('cinema.plan.description')}
          optional
          rows={3}
          value={draft.description}
          maxLength={4000}
          disabled={readOnly}
          onValue={(description) => update({ description })}
        />
        <div class="cinema-grid">
          <Select
            label={t('cinema.plan.ageBand')}
            value={draft.ageBand}
            disabled={readOnly}
            onValue={(value) => update({ ageBand: value as AgeBand })}
            options={AGE_BANDS.map((band) => ({ value: band, label: t(`cinema.age.${band}`) }))}
          />
          <TextField
            label={t('cinema.plan.duration')}
            type="number"
            min={5}
            max={480}
            value={draft.durationMinutes}
            disabled={readOnly}
            onValue={(durationMinutes) => update({ durationMinutes })}
          />
          <TextField
            label={t('cinema.plan.language')}
            description={t('cinema.plan.languageHelp')}
            value={draft.language}
            maxLength={20}
            disabled={readOnly}
            onValue={(language) => update({ language })}
          />
        </div>
        <TextField
          label={t('cinema.plan.tags')}
          description={t('cinema.plan.tagsHelp')}
          optional
          value={draft.tags}
          disabled={readOnly}
          onValue={(tags) => update({ tags })}
        />
        <Checkbox
          label={t('cinema.plan.shared')}
          description={t('cinema.plan.sharedHelp')}
          checked={draft.shared}
          disabled={readOnly}
          onChecked={(shared) => update({ shared })}
        />

        <h2>{t('cinema.editor.steps')}</h2>
        {draft.steps.length === 0 && <p>{t('cinema.editor.noSteps')}</p>}
        {draft.steps.map((step, index) => (
          <StepEditor
            key={step.id}
            step={step}
            index={index}
            count={draft.steps.length}
            media={mediaItems}
            readOnly={readOnly}
            onChange={(next) => setStep(index, next)}
            onMove={(delta) => moveStep(index, delta)}
            onRemove={() => update({ steps: draft.steps.filter((_, i) => i !== index) })}
          />
        ))}
        {!readOnly && (
          <div class="cinema-add-step">
            <Select
              label={t('cinema.editor.addKind')}
              value={kindToAdd}
              onValue={(kind) => setKindToAdd(kind as PlanStep['kind'])}
              options={PLAN_STEP_KINDS.map((kind) => ({ value: kind, label: t(`cinema.step.kind.${kind}`) }))}
            />
            <Button
              variant="secondary"
              onClick={() =>
                update({ steps: [...draft.steps, blankStep(kindToAdd, newStepId(), mediaItems[0])] })
              }
            >
              {t('cinema.editor.addStep')}
            </Button>
          </div>
        )}
        {problems.length > 0 && (
          <Alert tone="error" title={t('cinema.editor.problems', { count: problems.length })}>
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        )}
        {save.error !== null && <Alert tone="error">{errorText(i18n, save.error)}</Alert>}
        {!readOnly && (
          <div class="cinema-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              {t('cinema.editor.save')}
            </Button>
            {existing && (
              <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                {t('cinema.editor.delete')}
              </Button>
            )}
          </div>
        )}
      </Form>
      <ConfirmDialog
        open={confirmDelete}
        title={t('cinema.editor.deleteTitle')}
        confirmLabel={t('cinema.editor.delete')}
        danger
        action={remove}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>{t('cinema.editor.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
