import { launchableItems } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../content/zip-source.js';
import { UnsafeZipError } from '../content/zip-safety.js';
import { scorm12Files, scorm2004Files, zipOf, type Files } from './fixtures/scorm-fixtures.js';
import { parseManifest, resolveHref, ScormPackageError } from './scorm-manifest.js';
import { inspectScormPackage } from './scorm-package.js';

const everything = () => true;

function manifestOf(files: Files): string {
  return files['imsmanifest.xml'] as string;
}

async function refusal(files: Files, limits?: Parameters<typeof inspectScormPackage>[1]) {
  try {
    await inspectScormPackage(bufferSource(zipOf(files)), limits);
  } catch (err) {
    if (err instanceof ScormPackageError) return { file: err.file, rule: err.rule, message: err.message };
    if (err instanceof UnsafeZipError) return { file: err.entry, rule: err.rule, message: err.message };
    throw err;
  }
  throw new Error('the package was accepted');
}

describe('parseManifest', () => {
  it('reads a SCORM 1.2 manifest: edition, organisation, SCO, mastery score, launch data', () => {
    const { info, launchFiles } = parseManifest(manifestOf(scorm12Files()), everything);
    expect(info.version).toBe('1.2');
    expect(info.title).toBe('The water cycle & rain');
    expect(info.items).toEqual([
      {
        id: 'item-1',
        title: 'Evaporation',
        depth: 0,
        href: 'sco/index.html',
        type: 'sco',
        visible: true,
        masteryScore: 80,
        launchData: 'mode=quiz',
      },
    ]);
    expect(info.choice && info.flow).toBe(true);
    expect(launchFiles).toEqual(['sco/index.html']);
  });

  it.each(['3rd', '4th'] as const)(
    'reads a SCORM 2004 %s edition manifest with xml:base, parameters and sequencing',
    (edition) => {
      const { info } = parseManifest(manifestOf(scorm2004Files(edition)), everything);
      expect(info.version).toBe(edition === '3rd' ? '2004-3' : '2004-4');
      expect(info.items.map((i) => [i.id, i.depth, i.href, i.type, i.visible])).toEqual([
        ['unit-1', 0, null, null, true],
        ['sco-roots', 1, 'content/roots/index.html', 'sco', true],
        ['sco-leaves', 1, 'content/leaves/index.html?lang=en', 'sco', true],
        ['hidden-credits', 1, 'content/credits.html', 'asset', false],
      ]);
      expect(info.items[2]?.scaledPassingScore).toBe(0.6);
      expect(launchableItems(info).map((i) => i.id)).toEqual(['sco-roots', 'sco-leaves', 'hidden-credits']);
      expect({ choice: info.choice, flow: info.flow }).toEqual({ choice: true, flow: true });
    },
  );

  it('tells the edition from namespaces when metadata is missing, and uses the first organisation without a default', () => {
    const xml = manifestOf(scorm2004Files('3rd'))
      .replace(/<metadata>.*<\/metadata>/, '')
      .replace('default="plants-org"', '')
      .replace(/ xmlns:adlnav="[^"]+"/, '');
    const { info } = parseManifest(xml, everything);
    expect(info.version).toBe('2004-3');
    expect(info.title).toBe('How plants grow');
  });

  it('applies IMS SS defaults (flow off) when the organisation declares a controlMode without flow', () => {
    const xml = manifestOf(scorm2004Files()).replace('choice="true" flow="true"', 'choice="true"');
    expect(parseManifest(xml, everything).info.flow).toBe(false);
  });

  it.each([
    [
      'doctype_not_allowed',
      (x: string) =>
        x.replace('<manifest', '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest'),
    ],
    ['invalid_xml', (x: string) => x.replace('</organizations>', '')],
    ['not_a_manifest', () => '<?xml version="1.0"?><package/>'],
    [
      'no_organization',
      (x: string) => x.replace(/<organizations[\s\S]*<\/organizations>/, '<organizations/>'),
    ],
    ['missing_resource', (x: string) => x.replace('identifierref="res-1"', 'identifierref="nope"')],
    ['path_traversal', (x: string) => x.replace('href="sco/index.html">', 'href="../../etc/passwd">')],
    [
      'external_href',
      (x: string) => x.replace('href="sco/index.html">', 'href="https://example.org/x.html">'),
    ],
    ['other_standard', (x: string) => x.replace('imscp_rootv1p1p2', 'imsccv1p1/imscp_v1p1')],
  ] as const)('refuses a manifest breaking rule %s, naming imsmanifest.xml', (rule, change) => {
    const xml = change(manifestOf(scorm12Files()));
    expect(() => parseManifest(xml, everything)).toThrowError(
      expect.objectContaining({ rule, file: 'imsmanifest.xml', status: 400 }) as Error,
    );
  });

  it('refuses a launch file that is not in the package, naming it', () => {
    expect(() => parseManifest(manifestOf(scorm12Files()), () => false)).toThrowError(
      expect.objectContaining({ rule: 'missing_file', file: 'sco/index.html' }) as Error,
    );
  });

  it('resolves xml:base chains and percent-encoding, keeping queries', () => {
    expect(resolveHref(['a/', 'b/'], 'c%20d.html?x=1')).toEqual({
      path: 'a/b/c d.html',
      href: 'a/b/c%20d.html?x=1',
    });
    expect(resolveHref(['a/b/'], '../c.html')).toEqual({ path: 'a/c.html', href: 'a/c.html' });
  });
});

describe('inspectScormPackage', () => {
  it('accepts a package wrapped in one folder', async () => {
    const files = Object.fromEntries(Object.entries(scorm12Files()).map(([p, b]) => [`water/${p}`, b]));
    const { info } = await inspectScormPackage(bufferSource(zipOf(files)));
    expect(info.items[0]?.href).toBe('sco/index.html');
  });

  it.each([
    ['h5p.json', 'H5P'],
    ['cmi5.xml', 'cmi5'],
  ])('refuses another standard’s package (%s), saying which', async (file, name) => {
    const problem = await refusal({ ...scorm12Files(), [file]: '{}' });
    expect(problem).toMatchObject({ file, rule: 'other_standard' });
    expect(problem.message).toContain(name);
  });

  it('refuses a zip without a manifest, one whose launch file is missing, and a huge entry', async () => {
    const { 'imsmanifest.xml': _, ...noManifest } = scorm12Files();
    expect(await refusal(noManifest)).toMatchObject({ file: 'imsmanifest.xml', rule: 'missing_manifest' });
    const { 'sco/index.html': __, ...noSco } = scorm12Files();
    expect(await refusal(noSco)).toMatchObject({ file: 'sco/index.html', rule: 'missing_file' });
    const huge = { ...scorm12Files(), 'sco/video.bin': new Uint8Array(100_000) };
    expect(
      await refusal(huge, { maxEntries: 100, maxEntryBytes: 10_000, maxTotalBytes: 1_000_000 }),
    ).toMatchObject({ file: 'sco/video.bin', rule: 'entry_too_large' });
  });
});
