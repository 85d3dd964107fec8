import { describe, expect, it } from 'vitest';
import {
  checkAuUrl,
  checkCourseStructure,
  isAbsoluteIri,
  pickLangString,
  type XmlElement,
} from './course-structure.js';

const el = (
  name: string,
  attrs: Record<string, string> = {},
  children: XmlElement[] = [],
  text = '',
): XmlElement => ({
  name,
  attrs,
  children,
  text,
});
const ls = (field: string, value: string, lang = 'en-US') =>
  el(field, {}, [el('langstring', { lang }, [], value)]);
const au = (id: string, attrs: Record<string, string> = {}, url = 'au/index.html') =>
  el('au', { id, ...attrs }, [ls('title', `AU ${id}`), ls('description', 'd'), el('url', {}, [], url)]);
const course = (...children: XmlElement[]) =>
  el('courseStructure', {}, [
    el('course', { id: 'https://example.org/course/1' }, [ls('title', 'Course'), ls('description', 'About')]),
    ...children,
  ]);

function problems(root: XmlElement) {
  const result = checkCourseStructure(root);
  if (result.ok) throw new Error('accepted');
  return result.problems.map((p) => [p.path, p.rule]);
}

describe('checkCourseStructure', () => {
  it('accepts blocks of AUs and reads every attribute', () => {
    const result = checkCourseStructure(
      course(
        el('block', { id: 'https://example.org/block/1' }, [
          ls('title', 'Block'),
          ls('description', 'b'),
          au('https://example.org/au/1', {
            moveOn: 'CompletedAndPassed',
            masteryScore: '0.75',
            launchMethod: 'OwnWindow',
            activityType: 'http://adlnet.gov/expapi/activities/media',
          }),
        ]),
        au('https://example.org/au/2', {}, 'https://cdn.example.org/au2/start.html?x=1'),
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [block, loose] = result.structure.children;
    expect(block).toMatchObject({ type: 'block', id: 'https://example.org/block/1' });
    expect(block?.type === 'block' && block.children[0]).toMatchObject({
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.75,
      launchMethod: 'OwnWindow',
      activityType: 'http://adlnet.gov/expapi/activities/media',
    });
    expect(loose).toMatchObject({ type: 'au', moveOn: 'NotApplicable', launchMethod: 'AnyWindow' });
  });

  it('refuses a wrong root, no course, or no AU', () => {
    expect(problems(el('manifest'))).toEqual([['manifest', 'root']]);
    expect(problems(el('courseStructure'))).toEqual([['courseStructure/course', 'course']]);
    expect(problems(course())).toEqual([['courseStructure', 'no_au']]);
  });

  it('refuses ids that are not absolute IRIs, missing, or used twice', () => {
    expect(problems(course(au('au-1')))).toEqual([['courseStructure/au[1]@id', 'iri']]);
    expect(
      problems(course(el('au', {}, [ls('title', 't'), ls('description', 'd'), el('url', {}, [], 'a.html')]))),
    ).toEqual([['courseStructure/au[1]@id', 'missing']]);
    expect(problems(course(au('https://example.org/course/1')))).toEqual([
      ['courseStructure/au[1]@id', 'duplicate_id'],
    ]);
  });

  it('refuses bad vocabularies and mastery scores', () => {
    expect(problems(course(au('https://e.org/a', { moveOn: 'Done' })))).toEqual([
      ['courseStructure/au[1]@moveOn', 'move_on'],
    ]);
    expect(problems(course(au('https://e.org/a', { launchMethod: 'Popup' })))).toEqual([
      ['courseStructure/au[1]@launchMethod', 'launch_method'],
    ]);
    for (const score of ['1.5', '-0.1', '0.12345', 'high']) {
      expect(problems(course(au('https://e.org/a', { masteryScore: score })))).toEqual([
        ['courseStructure/au[1]@masteryScore', 'mastery_score'],
      ]);
    }
    expect(problems(course(au('https://e.org/a', { activityType: 'media' })))).toEqual([
      ['courseStructure/au[1]@activityType', 'iri'],
    ]);
  });

  it('refuses bad urls, missing langstrings and empty blocks', () => {
    expect(problems(course(au('https://e.org/a', {}, '../outside.html')))).toEqual([
      ['courseStructure/au[1]/url', 'url'],
    ]);
    expect(problems(course(au('https://e.org/a', {}, 'ftp://e.org/a')))).toEqual([
      ['courseStructure/au[1]/url', 'url'],
    ]);
    const untitled = el('au', { id: 'https://e.org/a' }, [
      ls('description', 'd'),
      el('url', {}, [], 'a.html'),
    ]);
    expect(problems(course(untitled))).toEqual([['courseStructure/au[1]/title', 'missing']]);
    const empty = el('block', { id: 'https://e.org/b' }, [ls('title', 'B'), ls('description', 'd')]);
    expect(problems(course(empty, au('https://e.org/a')))).toEqual([
      ['courseStructure/block[1]', 'empty_block'],
    ]);
    expect(
      problems(
        course(
          el('au', { id: 'https://e.org/a' }, [
            el('title'),
            ls('description', 'd'),
            el('url', {}, [], 'a.html'),
          ]),
        ),
      ),
    ).toEqual([['courseStructure/au[1]/title', 'langstring']]);
  });

  it('refuses objective references to objectives the course does not declare', () => {
    const withRef = el('au', { id: 'https://e.org/a' }, [
      ls('title', 't'),
      ls('description', 'd'),
      el('objectives', {}, [el('objective', { idref: 'https://e.org/obj/9' })]),
      el('url', {}, [], 'a.html'),
    ]);
    expect(problems(course(withRef))).toEqual([
      ['courseStructure/au[1]/objectives/objective[1]@idref', 'objective'],
    ]);
  });
});

describe('helpers', () => {
  it('tells absolute IRIs and AU urls apart', () => {
    expect(isAbsoluteIri('https://example.org/x')).toBe(true);
    expect(isAbsoluteIri('urn:uuid:1234')).toBe(true);
    expect(isAbsoluteIri('relative/path')).toBe(false);
    expect(checkAuUrl('index.html?lang=en')).toBeNull();
    expect(checkAuUrl('/abs/index.html')).not.toBeNull();
  });

  it('picks the langstring for a language', () => {
    const values = [
      { lang: 'en-US', value: 'Hello' },
      { lang: 'fr-FR', value: 'Bonjour' },
    ];
    expect(pickLangString(values, 'fr')).toBe('Bonjour');
    expect(pickLangString(values, 'de')).toBe('Hello');
  });
});
