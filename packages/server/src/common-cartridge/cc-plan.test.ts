import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { bufferSource } from '../content/zip-source.js';
import { makeZip } from '../test-support/zip-fixtures.js';
import { openCartridge } from './cc-files.js';
import { planCourse } from './cc-plan.js';
import { parseXml } from './cc-xml.js';

const LIMITS = { maxEntries: 1000, maxEntryBytes: 10_000_000, maxTotalBytes: 100_000_000 };

function manifest(head: string, body: string): string {
  return `<?xml version="1.0"?><manifest identifier="m" ${head}>${body}</manifest>`;
}

async function plan(files: Record<string, string | Uint8Array>) {
  return planCourse(await openCartridge(bufferSource(makeZip(files)), LIMITS), 'fallback');
}

async function refusal(files: Record<string, string | Uint8Array>): Promise<Record<string, unknown>> {
  try {
    await plan(files);
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message, ...err.details };
    throw err;
  }
  throw new Error('the cartridge was accepted');
}

const LINK = '<webLink><title>Docs</title><url href="https://example.org/docs"/></webLink>';

describe('reading cartridges', () => {
  it('finds the version from the namespace when the metadata does not say (CC 1.0 and 1.2), and reads a zipped folder', async () => {
    const cc10 = await plan({
      'course/imsmanifest.xml': manifest(
        'xmlns="http://www.imsglobal.org/xsd/imscc/imscp_v1p1"',
        '<organizations/><resources><resource identifier="r" type="imswl_xmlv1p0"><file href="l.xml"/></resource></resources>',
      ),
      'course/l.xml': LINK,
    });
    expect(cc10.manifest.version).toBe('1.0');
    // No organisation: the resources, in manifest order, in one module named after the course.
    expect(cc10.modules).toEqual([
      { title: 'fallback', lessons: [{ kind: 'link', title: 'Docs', url: 'https://example.org/docs' }] },
    ]);

    const cc12 = await plan({
      'imsmanifest.xml': manifest(
        'xmlns="http://www.imsglobal.org/xsd/imsccv1p2/imscp_v1p1"',
        '<organizations><organization identifier="o"><item identifier="root"><item identifier="a" identifierref="r"><title>Read the docs</title></item></item></organization></organizations><resources><resource identifier="r" type="imswl_xmlv1p2"><file href="l.xml"/></resource></resources>',
      ),
      'l.xml': LINK,
    });
    expect(cc12.manifest.version).toBe('1.2');
    expect(cc12.modules[0]!.lessons[0]!.title).toBe('Read the docs');
  });

  it('refuses a version it does not know, and an organisation with nothing importable', async () => {
    expect(
      await refusal({
        'imsmanifest.xml': manifest(
          '',
          '<metadata><schema>IMS Common Cartridge</schema><schemaversion>2.0.0</schemaversion></metadata>',
        ),
      }),
    ).toMatchObject({ code: 'cartridge_invalid', rule: 'unsupported_version', file: 'imsmanifest.xml' });
    const nothing = await refusal({
      'imsmanifest.xml': manifest(
        'xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"',
        '<organizations><organization identifier="o"><item identifier="root"><item identifier="a" identifierref="d"><title>Talk</title></item></item></organization></organizations><resources><resource identifier="d" type="imsdt_xmlv1p3"><file href="d.xml"/></resource></resources>',
      ),
      'd.xml': '<topic><title>Talk</title><text>hi</text></topic>',
    });
    expect(nothing).toMatchObject({ rule: 'nothing_to_import' });
    expect(nothing.report).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'discussion', title: 'Talk' })]),
    );
  });

  it('reports a damaged QTI file as a skipped quiz instead of refusing the cartridge', async () => {
    const result = await plan({
      'imsmanifest.xml': manifest(
        'xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"',
        '<organizations><organization identifier="o"><item identifier="root"><item identifier="m"><title>M</title><item identifier="a" identifierref="q"><title>Quiz</title></item><item identifier="b" identifierref="l"><title>Docs</title></item></item></item></organization></organizations><resources><resource identifier="q" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="q.xml"/></resource><resource identifier="l" type="imswl_xmlv1p1"><file href="l.xml"/></resource></resources>',
      ),
      'q.xml': '<questestinterop><assessment>',
      'l.xml': LINK,
    });
    expect(result.modules[0]!.lessons.map((l) => l.kind)).toEqual(['link']);
    expect(result.report).toEqual([
      expect.objectContaining({
        severity: 'skipped',
        kind: 'resource',
        title: 'Quiz',
        file: 'q.xml',
        reason: expect.stringMatching(/not well-formed/),
      }),
    ]);
  });

  it('decodes character references itself and never expands entities', () => {
    const root = parseXml(
      '<a t="&#233;&amp;amp;"><b>&lt;x&gt; &#x41;<![CDATA[<raw>&amp;]]></b></a>',
      'x.xml',
    );
    expect(root.attrs.t).toBe('é&amp;');
    expect(root.children[0]!.text).toBe('<x> A<raw>&amp;');
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'x.xml')).toThrow(/entities/);
  });
});
