import { describe, expect, it } from 'vitest';
import { checkH5pPackage, checkManifest, H5pPackageError, type H5pRule } from './h5p-package.js';
import { tinyQuizFiles } from './h5p.fixture.js';

async function check(override: Record<string, string | undefined>) {
  const files = tinyQuizFiles({ override });
  return checkH5pPackage(new Set(Object.keys(files)), (path) => {
    const text = files[path];
    if (text === undefined) return Promise.resolve(null);
    try {
      return Promise.resolve(JSON.parse(text) as unknown);
    } catch {
      return Promise.reject(new H5pPackageError(path, 'invalid_json', 'is not valid JSON'));
    }
  });
}

async function refusal(
  override: Record<string, string | undefined>,
): Promise<{ file: string; rule: H5pRule }> {
  try {
    await check(override);
  } catch (err) {
    if (err instanceof H5pPackageError) return { file: err.file, rule: err.rule };
    throw err;
  }
  throw new Error('the package was accepted');
}

const manifest = (patch: Record<string, unknown>, drop: string[] = []): string => {
  const base = JSON.parse(tinyQuizFiles()['h5p.json']!) as Record<string, unknown>;
  for (const key of drop) delete base[key];
  return JSON.stringify({ ...base, ...patch });
};

describe('checkH5pPackage', () => {
  it('accepts a sound package and reads its manifest', async () => {
    await expect(check({})).resolves.toMatchObject({
      title: 'Which planet is red?',
      language: 'en',
      mainLibrary: 'Satchel.TinyQuiz',
      embedTypes: ['div'],
      preloadedDependencies: [{ machineName: 'Satchel.TinyQuiz', majorVersion: 1, minorVersion: 0 }],
    });
  });

  it('refuses a package without h5p.json, or with h5p.json that is not JSON', async () => {
    expect(await refusal({ 'h5p.json': undefined })).toEqual({ file: 'h5p.json', rule: 'missing_file' });
    expect(await refusal({ 'h5p.json': '{ title:' })).toEqual({ file: 'h5p.json', rule: 'invalid_json' });
    expect(await refusal({ 'h5p.json': '[1]' })).toEqual({ file: 'h5p.json', rule: 'invalid_json' });
  });

  it.each(['title', 'language', 'mainLibrary', 'preloadedDependencies'])(
    'refuses h5p.json without "%s"',
    async (field) => {
      expect(await refusal({ 'h5p.json': manifest({}, [field]) })).toEqual({
        file: 'h5p.json',
        rule: 'missing_field',
      });
    },
  );

  it('refuses malformed fields of h5p.json', async () => {
    const bad = [
      { title: '  ' },
      { language: 'english please' },
      { mainLibrary: 'H5P.Other' },
      { preloadedDependencies: [] },
      { preloadedDependencies: 'Satchel.TinyQuiz' },
      { preloadedDependencies: [{ machineName: 'Satchel.TinyQuiz', majorVersion: '1', minorVersion: 0 }] },
      { preloadedDependencies: [{ machineName: 'Satchel.TinyQuiz', majorVersion: 1 }] },
      { embedTypes: ['popup'] },
    ];
    for (const patch of bad) {
      const result = await refusal({ 'h5p.json': manifest(patch) });
      expect(result.file).toBe('h5p.json');
      expect(['invalid_field', 'missing_field']).toContain(result.rule);
    }
  });

  it('refuses a package whose content is missing or not JSON', async () => {
    expect(await refusal({ 'content/content.json': undefined })).toEqual({
      file: 'content/content.json',
      rule: 'missing_file',
    });
    expect(await refusal({ 'content/content.json': 'not json' })).toEqual({
      file: 'content/content.json',
      rule: 'invalid_json',
    });
  });

  it('refuses a package missing a preloaded library, or a library that names another', async () => {
    expect(await refusal({ 'Satchel.TinyQuiz-1.0/library.json': undefined })).toEqual({
      file: 'Satchel.TinyQuiz-1.0/library.json',
      rule: 'missing_library',
    });
    const other = JSON.stringify({ machineName: 'Satchel.TinyQuiz', majorVersion: 1, minorVersion: 2 });
    expect(await refusal({ 'Satchel.TinyQuiz-1.0/library.json': other })).toEqual({
      file: 'Satchel.TinyQuiz-1.0/library.json',
      rule: 'library_mismatch',
    });
    expect(await refusal({ 'Satchel.TinyQuiz-1.0/library.json': '{' })).toEqual({
      file: 'Satchel.TinyQuiz-1.0/library.json',
      rule: 'invalid_json',
    });
  });

  it('refuses a library whose scripts are missing, and follows libraries’ own dependencies', async () => {
    expect(await refusal({ 'Satchel.TinyQuiz-1.0/tiny-quiz.js': undefined })).toEqual({
      file: 'Satchel.TinyQuiz-1.0/tiny-quiz.js',
      rule: 'missing_library_file',
    });
    const needsJoubel = JSON.stringify({
      machineName: 'Satchel.TinyQuiz',
      majorVersion: 1,
      minorVersion: 0,
      preloadedJs: [{ path: 'tiny-quiz.js' }],
      preloadedDependencies: [{ machineName: 'H5P.JoubelUI', majorVersion: 1, minorVersion: 3 }],
    });
    expect(await refusal({ 'Satchel.TinyQuiz-1.0/library.json': needsJoubel })).toEqual({
      file: 'H5P.JoubelUI-1.3/library.json',
      rule: 'missing_library',
    });
  });
});

describe('checkManifest', () => {
  it('defaults embedTypes to div', () => {
    expect(checkManifest(JSON.parse(manifest({}, ['embedTypes']))).embedTypes).toEqual(['div']);
  });
});
