import { describe, expect, it } from 'vitest';
import { injectRuntime, runtimeScript } from './scorm-runtime.js';

const TAG = '<script src="/api/scorm-runtime/1.2.js"></script>';

describe('the SCORM run-time added to SCO pages', () => {
  it('goes first in <head>, else after <html> or the doctype, else at the very start', () => {
    expect(
      injectRuntime(
        '<!DOCTYPE html><html lang="en"><HEAD data-x="1"><title>t</title></HEAD></html>',
        '/api/scorm-runtime/1.2.js',
      ),
    ).toBe(`<!DOCTYPE html><html lang="en"><HEAD data-x="1">${TAG}<title>t</title></HEAD></html>`);
    expect(injectRuntime('<html><body>x</body></html>', '/api/scorm-runtime/1.2.js')).toBe(
      `<html>${TAG}<body>x</body></html>`,
    );
    expect(injectRuntime('<!doctype html><p>x', '/api/scorm-runtime/1.2.js')).toBe(
      `<!doctype html>${TAG}<p>x`,
    );
    expect(injectRuntime('<p>x', '/api/scorm-runtime/1.2.js')).toBe(`${TAG}<p>x`);
    // <header> is not <head>.
    expect(injectRuntime('<header>h</header>', '/api/scorm-runtime/1.2.js')).toBe(`${TAG}<header>h</header>`);
  });

  it('is scorm-again for the edition followed by the relay to the player', async () => {
    const v12 = await runtimeScript('1.2');
    const v2004 = await runtimeScript('2004');
    expect(v12).toContain('Scorm12API');
    expect(v2004).toContain('Scorm2004API');
    for (const script of [v12, v2004]) {
      expect(script).toContain("var PREFIX = 'satchel-scorm:'");
      expect(script).toContain('window.parent.postMessage');
    }
  });
});
