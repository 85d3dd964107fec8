import { CourseContent, DraftLesson, Lesson, isUuid, uuidv7, type DraftLessonInput } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import {
  addBlob,
  createTenant,
  draft,
  markdownLesson,
  quizLesson,
} from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe('the draft schema', () => {
  it('accepts every lesson kind the course model has', () => {
    expect(DraftLesson.options.map((o) => o.shape.kind.value)).toEqual(
      Lesson.options.map((o) => o.shape.kind.value),
    );
  });
});

describe.each(await engines())('CourseService on %s', (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  const tenant = (): Promise<TenantRef> => createTenant(server, `courses-${engine}-${++n}`);
  const courses = () => server.services.courses;

  it('gives new modules and lessons ids and keeps the ids it was sent', async () => {
    const t = await tenant();
    const keptId = '0190f5d2-7c4e-7a00-8000-000000000001';
    const created = await courses().create(
      t.id,
      null,
      draft('Water', {}, [markdownLesson('Kept', { id: keptId }), markdownLesson('New')]),
    );
    const lessons = created.content.modules[0]!.lessons;
    expect(isUuid(created.content.modules[0]!.id)).toBe(true);
    expect(lessons[0]!.id).toBe(keptId);
    expect(isUuid(lessons[1]!.id)).toBe(true);
    expect(created).toMatchObject({
      version: 1,
      publishedVersion: null,
      hasUnpublishedChanges: true,
      enrolmentPolicy: 'open',
    });
  });

  it('accepts a complete CourseContent as scripts and imports build it', async () => {
    const t = await tenant();
    const content: CourseContent = CourseContent.parse({
      title: 'Scripted',
      language: 'pt',
      modules: [
        {
          id: uuidv7(),
          title: 'M',
          lessons: [{ id: uuidv7(), kind: 'link', title: 'Site', url: 'https://example.org/' }],
        },
      ],
    });
    const created = await courses().create(t.id, null, content, { enrolmentPolicy: 'self' });
    expect(created.content).toEqual(content);
    expect((await courses().publish(t.id, created.id, null)).modules).toEqual(content.modules);
  });

  it('validates every write with the course schema and refuses reused ids', async () => {
    const t = await tenant();
    await expect(courses().create(t.id, null, { title: '', language: 'en' })).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    const id = '0190f5d2-7c4e-7a00-8000-000000000002';
    await expect(
      courses().create(
        t.id,
        null,
        draft('Dup', {}, [markdownLesson('A', { id }), markdownLesson('B', { id })]),
      ),
    ).rejects.toMatchObject({
      code: 'duplicate_id',
    });
  });

  it('refuses a save made from a stale version with edit_conflict', async () => {
    const t = await tenant();
    const c = await courses().create(t.id, null, draft('Conflict'));
    const first = await courses().updateDraft(t.id, c.id, {
      expectedVersion: 1,
      content: draft('First edit'),
    });
    expect(first.version).toBe(2);
    await expect(
      courses().updateDraft(t.id, c.id, { expectedVersion: 1, content: draft('Second edit') }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'edit_conflict',
      details: { currentVersion: 2 },
    });
    expect((await courses().get(t.id, c.id)).title).toBe('First edit');
  });

  it('publishes immutable versions: republishing creates v2 and v1 stays byte-identical', async () => {
    const t = await tenant();
    const c = await courses().create(t.id, null, draft('Malaria', { description: 'Prevention' }));
    const v1 = await courses().publish(t.id, c.id, null);
    expect(v1).toMatchObject({
      schema: 1,
      courseId: c.id,
      version: 1,
      variantGroupId: null,
      title: 'Malaria',
    });
    const v1Bytes = await courses().versionManifestJson(t.id, v1.versionId);

    const edited = await courses().get(t.id, c.id);
    expect(edited.hasUnpublishedChanges).toBe(false);
    await courses().updateDraft(t.id, c.id, {
      expectedVersion: edited.version,
      content: draft('Malaria, revised'),
    });
    const v2 = await courses().publish(t.id, c.id, null);
    expect(v2.version).toBe(2);
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(await courses().versionManifestJson(t.id, v1.versionId)).toBe(v1Bytes);
    expect(JSON.parse(v1Bytes)).toMatchObject({ title: 'Malaria', version: 1 });
    expect((await courses().versions(t.id, c.id)).items.map((v) => v.version)).toEqual([2, 1]);
    expect(await courses().latestManifest(t.id, c.id)).toMatchObject({
      manifest: { versionId: v2.versionId, title: 'Malaria, revised' },
    });
    // Publishing is not an edit: the editor's expectedVersion stays valid.
    expect((await courses().get(t.id, c.id)).version).toBe(edited.version + 1);
  });

  it('refuses to publish a course learners could not take', async () => {
    const t = await tenant();
    const publish = async (lessons: DraftLessonInput[], extra = {}) => {
      const c = await courses().create(t.id, null, draft('Check', extra, lessons));
      return courses().publish(t.id, c.id, null);
    };
    await expect(publish([])).rejects.toMatchObject({ status: 400, code: 'course_empty' });
    await expect(publish([quizLesson('Empty quiz', 0)])).rejects.toMatchObject({
      status: 400,
      code: 'quiz_empty',
      details: { lessonTitle: 'Empty quiz' },
    });

    const held = await addBlob(server.db.db, t.id, `held-${n}`);
    const absent = { sha256: 'a'.repeat(64), size: 10, mediaType: 'video/mp4' };
    const video = (title: string, file: typeof held): DraftLessonInput => ({ kind: 'video', title, file });
    await expect(publish([video('Fine', held), video('Broken video', absent)])).rejects.toMatchObject({
      status: 400,
      code: 'missing_blob',
      details: { lessonTitle: 'Broken video', sha256: absent.sha256 },
    });
    await expect(publish([markdownLesson('x')], { coverImage: absent })).rejects.toMatchObject({
      code: 'missing_blob',
      details: { lessonId: null },
    });
    await expect(
      publish([markdownLesson('x')], { prerequisiteCourseIds: ['0190f5d2-7c4e-7a00-8000-0000000000ff'] }),
    ).rejects.toMatchObject({
      code: 'prerequisite_not_found',
    });
    await expect(
      publish([markdownLesson('x')], { tags: { gradeIds: ['0190f5d2-7c4e-7a00-8000-0000000000fe'] } }),
    ).rejects.toMatchObject({
      code: 'curriculum_item_not_found',
    });
    expect(await publish([video('Fine', held)])).toMatchObject({ version: 1 });
  });

  it('does not accept a prerequisite or a file from another platform', async () => {
    const a = await tenant();
    const b = await tenant();
    const foreignBlob = await addBlob(server.db.db, b.id, `foreign-${n}`);
    const foreignCourse = await courses().create(b.id, null, draft('B course'));
    const c = await courses().create(
      a.id,
      null,
      draft('A course', { prerequisiteCourseIds: [foreignCourse.id] }),
    );
    await expect(courses().publish(a.id, c.id, null)).rejects.toMatchObject({
      code: 'prerequisite_not_found',
    });
    const d = await courses().create(
      a.id,
      null,
      draft('A pdf', {}, [{ kind: 'pdf', title: 'Doc', file: foreignBlob }]),
    );
    await expect(courses().publish(a.id, d.id, null)).rejects.toMatchObject({ code: 'missing_blob' });
    await expect(courses().get(b.id, c.id)).rejects.toMatchObject({ status: 404, code: 'course_not_found' });
  });

  it('groups language variants and lists the others on each', async () => {
    const t = await tenant();
    const en = await courses().create(
      t.id,
      null,
      draft('Hand washing', {}, [markdownLesson('Why'), quizLesson('Check')]),
    );
    await courses().publish(t.id, en.id, null);
    const fr = await courses().createVariant(t.id, en.id, null, {
      language: 'fr',
      title: 'Lavage des mains',
    });
    expect(fr).toMatchObject({
      language: 'fr',
      title: 'Lavage des mains',
      variants: [{ courseId: en.id, language: 'en', published: true }],
    });
    expect(fr.content.modules[0]!.lessons.map((l) => l.title)).toEqual(['Why', 'Check']);
    // A translation is other content: its lessons get their own ids.
    expect(fr.content.modules[0]!.lessons[0]!.id).not.toBe(en.content.modules[0]!.lessons[0]!.id);
    const source = await courses().get(t.id, en.id);
    expect(source.variantGroupId).toBe(fr.variantGroupId);
    expect(source.variants).toEqual([
      { courseId: fr.id, language: 'fr', title: 'Lavage des mains', published: false },
    ]);
    await expect(courses().createVariant(t.id, fr.id, null, { language: 'en' })).rejects.toMatchObject({
      status: 409,
      code: 'variant_exists',
    });
    const ar = await courses().createVariant(t.id, fr.id, null, { language: 'ar' });
    expect(ar.variantGroupId).toBe(fr.variantGroupId);
    expect(ar.variants.map((v) => v.language).sort()).toEqual(['en', 'fr']);
  });

  it('archives a course out of the catalog but keeps its versions readable', async () => {
    const t = await tenant();
    const c = await courses().create(t.id, null, draft('Archive me'));
    const v1 = await courses().publish(t.id, c.id, null);
    await courses().archive(t.id, c.id);
    expect(await courses().latestManifest(t.id, c.id)).toBeNull();
    expect((await courses().versionManifest(t.id, v1.versionId)).title).toBe('Archive me');
    expect((await server.services.catalog.list(t, { sort: 'title', page: 1, pageSize: 24 })).total).toBe(0);
    await expect(
      courses().updateDraft(t.id, c.id, { expectedVersion: 2, content: draft('x') }),
    ).rejects.toMatchObject({ code: 'course_archived' });
    expect((await courses().list(t.id, { includeArchived: false, page: 1, pageSize: 50 })).total).toBe(0);
    expect(
      (await courses().list(t.id, { includeArchived: true, page: 1, pageSize: 50 })).items[0],
    ).toMatchObject({ archived: true });
  });

  it('imports a question sheet all or nothing, renaming ids already in the quiz', async () => {
    const t = await tenant();
    const c = await courses().create(t.id, null, draft('Quiz course', {}, [quizLesson('Quiz', 1)]));
    const lessonId = c.content.modules[0]!.lessons[0]!.id;
    const good =
      'type,prompt,option_1,option_2,correct\nsingle,Capital of Kenya?,Nairobi,Mombasa,1\ntruefalse,The sun is a star.,,,true\n';
    const result = await courses().importQuestions(t.id, c.id, lessonId, good, { mode: 'append' });
    expect(result.imported).toBe(2);
    const quiz = result.course.content.modules[0]!.lessons[0]!;
    expect(quiz.kind === 'quiz' ? quiz.questions.map((q) => q.id) : []).toEqual(['q1', 'q2', 'q3']);
    expect(result.renamedIds).toEqual({ q1: 'q2', q2: 'q3' });

    const bad = 'type,prompt,option_1,option_2,correct\nsingle,Fine?,Yes,No,1\nsingle,Broken?,Yes,No,7\n';
    await expect(
      courses().importQuestions(t.id, c.id, lessonId, bad, { mode: 'append' }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_question_csv',
      details: { errors: [expect.objectContaining({ row: 3 })] },
    });
    const after = (await courses().get(t.id, c.id)).content.modules[0]!.lessons[0]!;
    expect(after.kind === 'quiz' ? after.questions : []).toHaveLength(3);

    const replaced = await courses().importQuestions(t.id, c.id, lessonId, good, { mode: 'replace' });
    const q = replaced.course.content.modules[0]!.lessons[0]!;
    expect(q.kind === 'quiz' ? q.questions.map((x) => x.id) : []).toEqual(['q1', 'q2']);
  });
});
