import { createHash, randomBytes } from 'node:crypto';
import {
  ACTOR_HOMEPAGE,
  allLessons,
  auOutcome,
  CMI5_ACTIVITY_TYPES,
  CMI5_CATEGORY,
  CMI5_EXT,
  CMI5_MOVEON_CATEGORY,
  CMI5_VERBS,
  courseActivityId,
  EXT_COURSE_VERSION,
  LAUNCH_DATA_STATE_ID,
  LEARNER_PREFERENCES_PROFILE_ID,
  lessonActivityId,
  moveOnMet,
  uuidv7,
  type Cmi5Launch,
  type Cmi5LaunchRequest,
  type Cmi5SessionStatus,
  type Cmi5WaiveReason,
  type CourseManifest,
  type Lesson,
  type XapiAgent,
} from '@satchel/core';
import type { CourseService } from '../courses/courses.service.js';
import type { TenantRef } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { actorKeyOf } from '../lrs/lrs.related.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { LrsDocumentsService } from '../lrs-documents/lrs-documents.service.js';
import type { Clock } from '../platform/clock.js';
import type { Cmi5Repo, Cmi5SessionRow } from './cmi5.repo.js';

// The LMS side of cmi5 (§8–§11): launching an AU (registration, session, LMS.LaunchData
// state, learner preferences, the "launched" statement, the launch URL), the one-time
// fetch URL and the session's auth token, and the LMS's own statements: satisfied (the
// AU when its moveOn rule is met, then its blocks and the course), abandoned, waived.
// The AU's activity id is the Satchel lesson's, so progress counts what it records.

/** How long an AU session's token lives; a session is one sitting. */
const SESSION_HOURS = 12;
/** After "terminated", the AU may still finish its last requests (§9.3.8). */
const TERMINATED_GRACE_MS = 60_000;

export type Cmi5Lesson = Extract<Lesson, { kind: 'cmi5' }>;

export interface Cmi5TokenGrant {
  tenantId: string;
  userId: string;
  registration: string;
  activityId: string;
  sessionId: string;
}

export type FetchAnswer = { 'auth-token': string } | { 'error-code': '1' | '2'; 'error-text': string };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const secret = (): string => randomBytes(24).toString('base64url');
const learnerAgent = (userId: string): XapiAgent => ({
  objectType: 'Agent',
  account: { homePage: ACTOR_HOMEPAGE, name: userId },
});

function isoDuration(ms: number): string {
  return `PT${Math.max(0, Math.round(ms / 10) / 100)}S`;
}

export class Cmi5Service {
  constructor(
    private readonly repo: Cmi5Repo,
    private readonly courses: CourseService,
    private readonly lrs: LrsService,
    private readonly documents: LrsDocumentsService,
    private readonly clock: Clock,
  ) {}

  private async lessonOf(tenantId: string, versionId: string, lessonId: string) {
    const manifest = await this.courses.versionManifest(tenantId, versionId);
    const lesson = allLessons(manifest).find((l) => l.id === lessonId);
    if (!lesson || lesson.kind !== 'cmi5')
      throw notFound('cmi5_lesson_not_found', 'This course version has no such cmi5 lesson', { lessonId });
    return { manifest, lesson };
  }

  /** Everything before the AU opens, then its launch URL (§8.1). `origin` is this server's. */
  async launch(
    tenant: TenantRef,
    userId: string,
    req: Cmi5LaunchRequest,
    origin: string,
  ): Promise<Cmi5Launch> {
    const { manifest, lesson } = await this.lessonOf(tenant.id, req.versionId, req.lessonId);
    const now = this.clock.now();
    const registration = await this.repo.ensureRegistration(
      tenant.id,
      userId,
      manifest.courseId,
      uuidv7(),
      now.toISOString(),
    );
    const sessionId = uuidv7();
    const fetchSecret = secret();
    await this.repo.insertSession({
      id: sessionId,
      tenant_id: tenant.id,
      user_id: userId,
      course_id: manifest.courseId,
      version_id: manifest.versionId,
      lesson_id: lesson.id,
      registration,
      launch_mode: req.launchMode,
      fetch_hash: sha256(fetchSecret),
      fetched_at: null,
      token_hash: null,
      launched_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      terminated_at: null,
      abandoned_at: null,
      satisfied_at: null,
    });
    const actor = learnerAgent(userId);
    const activityId = lessonActivityId(lesson.id);
    const auUrl = /^https?:\/\//i.test(lesson.au.url)
      ? lesson.au.url
      : `${origin}/api/t/${tenant.slug}/packages/${manifest.versionId}/${lesson.id}/${lesson.au.url}`;
    const context = this.contextTemplate(manifest, lesson, registration, sessionId);
    const launchData = {
      contextTemplate: context,
      launchMode: req.launchMode,
      launchMethod: lesson.au.launchMethod,
      moveOn: lesson.au.moveOn,
      ...(lesson.au.masteryScore !== undefined ? { masteryScore: lesson.au.masteryScore } : {}),
      ...(lesson.au.launchParameters ? { launchParameters: lesson.au.launchParameters } : {}),
      ...(lesson.au.entitlementKey ? { entitlementKey: { courseStructure: lesson.au.entitlementKey } } : {}),
      returnURL: `${origin}/t/${tenant.slug}/courses/${manifest.courseId}/lessons/${lesson.id}`,
    };
    const system = { ownAgentKey: null, writesActivities: true };
    const agentKey = actorKeyOf(actor);
    await this.documents.put(
      {
        tenantId: tenant.id,
        kind: 'state',
        activityId,
        agentKey,
        registration,
        documentId: LAUNCH_DATA_STATE_ID,
      },
      { contentType: 'application/json', content: Buffer.from(JSON.stringify(launchData)) },
      {},
      system,
      false,
    );
    const prefs = {
      tenantId: tenant.id,
      kind: 'agent_profile' as const,
      activityId: '',
      agentKey,
      registration: '',
    };
    const existing = await this.documents.ids(prefs, system);
    if (!existing.includes(LEARNER_PREFERENCES_PROFILE_ID)) {
      await this.documents.put(
        { ...prefs, documentId: LEARNER_PREFERENCES_PROFILE_ID },
        {
          contentType: 'application/json',
          content: Buffer.from(
            JSON.stringify({ languagePreference: manifest.language, audioPreference: 'on' }),
          ),
        },
        {},
        system,
        false,
      );
    }
    const [base, query] = auUrl.split(/\?(.*)/s, 2) as [string, string | undefined];
    await this.record(tenant.id, userId, 'launched', activityId, context, {
      extensions: {
        [CMI5_EXT.launchMode]: req.launchMode,
        [CMI5_EXT.launchUrl]: base,
        [CMI5_EXT.moveOn]: lesson.au.moveOn,
        ...(lesson.au.masteryScore !== undefined ? { [CMI5_EXT.masteryScore]: lesson.au.masteryScore } : {}),
        ...(lesson.au.launchParameters ? { [CMI5_EXT.launchParameters]: lesson.au.launchParameters } : {}),
      },
    });
    const params = new URLSearchParams(query ?? '');
    params.set('endpoint', `${origin}/xapi/`);
    params.set('fetch', `${origin}/cmi5/fetch/${fetchSecret}`);
    params.set('actor', JSON.stringify(actor));
    params.set('registration', registration);
    params.set('activityId', activityId);
    return {
      sessionId,
      registration,
      launchUrl: `${base}?${params.toString()}`,
      launchMethod: lesson.au.launchMethod,
    };
  }

  /** The context every statement of the session carries (§10 contextTemplate). */
  private contextTemplate(
    manifest: CourseManifest,
    lesson: Cmi5Lesson,
    registration: string,
    sessionId: string,
  ) {
    return {
      registration,
      contextActivities: {
        grouping: [
          { objectType: 'Activity', id: lesson.au.publisherId },
          { objectType: 'Activity', id: courseActivityId(manifest.courseId) },
        ],
      },
      extensions: { [CMI5_EXT.sessionId]: sessionId, [EXT_COURSE_VERSION]: manifest.versionId },
    };
  }

  /** The fetch URL (§8.2): the auth token once, then error 1. */
  async fetch(fetchSecret: string): Promise<FetchAnswer> {
    const session = await this.repo.byFetchHash(sha256(fetchSecret));
    if (!session) return { 'error-code': '2', 'error-text': 'This fetch URL is not valid.' };
    const now = this.clock.now();
    if (
      session.fetched_at !== null ||
      now.toISOString() > session.expires_at ||
      session.abandoned_at !== null
    )
      return { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' };
    const token = secret();
    if (!(await this.repo.spendFetch(session.id, sha256(token), now.toISOString())))
      return { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' };
    return { 'auth-token': Buffer.from(`cmi5:${token}`).toString('base64') };
  }

  /** The LRS asks: whose session token is this (HTTP Basic "cmi5:<token>")? Null when spent. */
  async verifyAuthToken(token: string): Promise<Cmi5TokenGrant | null> {
    const session = await this.repo.byTokenHash(sha256(token));
    if (!session || session.abandoned_at !== null) return null;
    const now = this.clock.now();
    if (now.toISOString() > session.expires_at) return null;
    if (session.terminated_at && now.getTime() - Date.parse(session.terminated_at) > TERMINATED_GRACE_MS)
      return null;
    return {
      tenantId: session.tenant_id,
      userId: session.user_id,
      registration: session.registration,
      activityId: lessonActivityId(session.lesson_id),
      sessionId: session.id,
    };
  }

  private async ownSession(tenantId: string, userId: string, sessionId: string): Promise<Cmi5SessionRow> {
    const session = await this.repo.session(tenantId, sessionId);
    if (!session || session.user_id !== userId)
      throw notFound('cmi5_session_not_found', 'There is no such cmi5 session', { sessionId });
    return session;
  }

  /** Reads the AU's statements, notes "terminated", and judges moveOn (writing "satisfied"). */
  async status(tenantId: string, userId: string, sessionId: string): Promise<Cmi5SessionStatus> {
    let session = await this.ownSession(tenantId, userId, sessionId);
    const statements = await this.auStatements(session);
    const now = this.clock.now().toISOString();
    const terminated = statements.some(
      (s) =>
        s.verb.id === CMI5_VERBS.terminated && s.context?.extensions?.[CMI5_EXT.sessionId] === session.id,
    );
    if (terminated) await this.repo.mark(tenantId, session.id, 'terminated_at', now);
    const { manifest, lesson } = await this.lessonOf(tenantId, session.version_id, session.lesson_id);
    const satisfied = await this.repo.satisfiedLessons(tenantId, userId, session.registration);
    if (
      !satisfied.has(lesson.id) &&
      moveOnMet(lesson.au.moveOn, auOutcome(statements, lesson.au.masteryScore))
    ) {
      await this.satisfy(manifest, lesson, session, null);
    }
    session = await this.ownSession(tenantId, userId, sessionId);
    return {
      sessionId,
      terminated: session.terminated_at !== null,
      abandoned: session.abandoned_at !== null,
      satisfied: (await this.repo.satisfiedLessons(tenantId, userId, session.registration)).has(lesson.id),
    };
  }

  /** The learner left the lesson page: without "terminated" the session is abandoned (§9.3.6). */
  async leave(tenantId: string, userId: string, sessionId: string): Promise<Cmi5SessionStatus> {
    const status = await this.status(tenantId, userId, sessionId);
    if (status.terminated || status.abandoned) return status;
    const session = await this.ownSession(tenantId, userId, sessionId);
    const now = this.clock.now();
    if (await this.repo.mark(tenantId, session.id, 'abandoned_at', now.toISOString())) {
      const { manifest, lesson } = await this.lessonOf(tenantId, session.version_id, session.lesson_id);
      await this.record(
        tenantId,
        userId,
        'abandoned',
        lessonActivityId(lesson.id),
        this.contextTemplate(manifest, lesson, session.registration, session.id),
        {
          result: { duration: isoDuration(now.getTime() - Date.parse(session.launched_at)) },
        },
      );
    }
    return { ...status, abandoned: true };
  }

  /** An educator waives the AU for the learner (§9.3.7): its own session, then satisfied. */
  async waive(
    tenantId: string,
    userId: string,
    versionId: string,
    lessonId: string,
    reason: Cmi5WaiveReason,
  ): Promise<void> {
    const { manifest, lesson } = await this.lessonOf(tenantId, versionId, lessonId);
    const now = this.clock.now().toISOString();
    const registration = await this.repo.ensureRegistration(
      tenantId,
      userId,
      manifest.courseId,
      uuidv7(),
      now,
    );
    const satisfied = await this.repo.satisfiedLessons(tenantId, userId, registration);
    if (satisfied.has(lesson.id)) return;
    const sessionId = uuidv7();
    await this.repo.insertSession({
      id: sessionId,
      tenant_id: tenantId,
      user_id: userId,
      course_id: manifest.courseId,
      version_id: manifest.versionId,
      lesson_id: lesson.id,
      registration,
      launch_mode: 'Normal',
      fetch_hash: sha256(secret()),
      fetched_at: now,
      token_hash: null,
      launched_at: now,
      expires_at: now,
      terminated_at: now,
      abandoned_at: null,
      satisfied_at: null,
    });
    const context = this.contextTemplate(manifest, lesson, registration, sessionId);
    await this.record(tenantId, userId, 'waived', lessonActivityId(lesson.id), context, {
      result: { success: true, completion: true, extensions: { [CMI5_EXT.reason]: reason } },
      moveOn: true,
    });
    const session = await this.repo.session(tenantId, sessionId);
    if (session) await this.satisfy(manifest, lesson, session, sessionId);
  }

  private async auStatements(session: Cmi5SessionRow) {
    const page = await this.lrs.query(session.tenant_id, {
      agentKey: actorKeyOf(learnerAgent(session.user_id)),
      activityId: lessonActivityId(session.lesson_id),
      registration: session.registration,
      ascending: true,
      limit: 1000,
    });
    return page.rows.map(
      (r) =>
        JSON.parse(r.statement) as {
          verb: { id: string };
          result?: { score?: { scaled?: number } };
          context?: { contextActivities?: unknown; extensions?: Record<string, unknown> };
        },
    );
  }

  /** "Satisfied" for the AU, then for each of its blocks and the course once all their AUs are. */
  private async satisfy(
    manifest: CourseManifest,
    lesson: Cmi5Lesson,
    session: Cmi5SessionRow,
    waivedSession: string | null,
  ): Promise<void> {
    const tenantId = session.tenant_id;
    if (!(await this.repo.mark(tenantId, session.id, 'satisfied_at', this.clock.now().toISOString()))) return;
    const context = this.contextTemplate(manifest, lesson, session.registration, waivedSession ?? session.id);
    await this.record(tenantId, session.user_id, 'satisfied', lessonActivityId(lesson.id), context, {});
    const done = await this.repo.satisfiedLessons(tenantId, session.user_id, session.registration);
    const aus = allLessons(manifest).filter((l): l is Cmi5Lesson => l.kind === 'cmi5');
    const isDone = (l: Cmi5Lesson) => done.has(l.id) || l.au.moveOn === 'NotApplicable';
    const course = courseActivityId(manifest.courseId);
    for (const blockId of lesson.au.blockIds) {
      if (!aus.filter((l) => l.au.blockIds.includes(blockId)).every(isDone)) continue;
      const blockActivity = `${course}/cmi5/blocks/${sha256(blockId).slice(0, 32)}`;
      await this.recordOnce(
        tenantId,
        session,
        'satisfied',
        blockActivity,
        context,
        CMI5_ACTIVITY_TYPES.block,
      );
    }
    if (aus.every(isDone))
      await this.recordOnce(tenantId, session, 'satisfied', course, context, CMI5_ACTIVITY_TYPES.course);
  }

  private async recordOnce(
    tenantId: string,
    session: Cmi5SessionRow,
    verb: 'satisfied',
    activityId: string,
    context: ReturnType<Cmi5Service['contextTemplate']>,
    type: string,
  ): Promise<void> {
    const existing = await this.lrs.query(tenantId, {
      agentKey: actorKeyOf(learnerAgent(session.user_id)),
      activityId,
      verbId: CMI5_VERBS[verb],
      registration: session.registration,
      ascending: true,
      limit: 1,
    });
    if (existing.rows.length > 0) return;
    await this.record(tenantId, session.user_id, verb, activityId, context, { type });
  }

  private async record(
    tenantId: string,
    userId: string,
    verb: 'launched' | 'satisfied' | 'abandoned' | 'waived',
    activityId: string,
    context: ReturnType<Cmi5Service['contextTemplate']>,
    extra: {
      extensions?: Record<string, unknown>;
      result?: Record<string, unknown>;
      moveOn?: boolean;
      type?: string;
    },
  ): Promise<void> {
    const category = [{ objectType: 'Activity', id: CMI5_CATEGORY }];
    if (extra.moveOn) category.push({ objectType: 'Activity', id: CMI5_MOVEON_CATEGORY });
    const statement = {
      id: uuidv7(),
      actor: learnerAgent(userId),
      verb: { id: CMI5_VERBS[verb], display: { 'en-US': verb } },
      object: {
        objectType: 'Activity',
        id: activityId,
        ...(extra.type ? { definition: { type: extra.type } } : {}),
      },
      ...(extra.result ? { result: extra.result } : {}),
      context: {
        ...context,
        contextActivities: { ...context.contextActivities, category },
        extensions: { ...context.extensions, ...extra.extensions },
      },
      timestamp: this.clock.now().toISOString(),
    };
    await this.lrs.store(tenantId, statement, { kind: 'system' });
  }
}
