import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// The SCORM run-time inside the player's sandboxed frame. A SCO page is served with an
// opaque origin (no cookies, no platform API), and every document in that frame gets
// an origin of its own, so an API object in a wrapper page could not be reached by the
// SCO across the frame boundary. The API therefore lives in the SCO's own document:
// its launch page is served with one script added at the top of <head>, which
// installs scorm-again's Scorm12API (window.API) or Scorm2004API (window.API_1484_11)
// before the SCO's scripts look for it (ADL's discovery checks its own window first).
// The starting data arrives synchronously through the frame's name (the player sets
// it), and every Initialize/Commit/Terminate is posted to the player, which persists it.

export type RuntimeEdition = '1.2' | '2004';

const require = createRequire(import.meta.url);
const LIBRARY: Record<RuntimeEdition, string> = {
  '1.2': 'scorm-again/scorm12/min',
  '2004': 'scorm-again/scorm2004/min',
};

/** Kept as plain ES5: it runs in whatever browser the SCO was written for. */
const RELAY = `
;(function () {
  var PREFIX = 'satchel-scorm:';
  var seed = null;
  try {
    if (typeof window.name === 'string' && window.name.indexOf(PREFIX) === 0) seed = JSON.parse(window.name.slice(PREFIX.length));
  } catch (e) { seed = null; }
  if (!seed || !window.parent || window.parent === window) return;
  var v12 = seed.edition === '1.2';
  var Api = v12 ? window.Scorm12API : window.Scorm2004API;
  if (typeof Api !== 'function') return;
  var api = new Api({ autocommit: false, logLevel: 5, lmsCommitUrl: false, mastery_override: v12 });
  try { api.loadFromJSON(seed.cmi || {}, 'cmi'); } catch (e) { /* a malformed seed starts the SCO afresh */ }
  function post(event, terminated) {
    var cmi = {};
    var nav = '';
    try { cmi = (api.renderCommitCMI(terminated, true) || {}).cmi || {}; } catch (e) { cmi = {}; }
    try { if (!v12 && api.adl && api.adl.nav) nav = String(api.adl.nav.request || ''); } catch (e) { nav = ''; }
    window.parent.postMessage({ type: 'satchel-scorm', token: seed.token, event: event, cmi: cmi, nav: nav }, seed.origin || '*');
  }
  api.on(v12 ? 'LMSInitialize' : 'Initialize', function () { post('initialize', false); });
  api.on(v12 ? 'LMSCommit' : 'Commit', function () { post('commit', false); });
  api.on(v12 ? 'LMSFinish' : 'Terminate', function () { post('terminate', true); });
  if (v12) window.API = api; else window.API_1484_11 = api;
})();
`;

const cache = new Map<RuntimeEdition, string>();

/** scorm-again's build for the edition followed by the relay, as one classic script. */
export async function runtimeScript(edition: RuntimeEdition): Promise<string> {
  const hit = cache.get(edition);
  if (hit) return hit;
  const library = await readFile(require.resolve(LIBRARY[edition]), 'utf8');
  const script = `${library}\n${RELAY}`;
  cache.set(edition, script);
  return script;
}

/** The script tag, placed before anything else in the document's head. */
export function injectRuntime(html: string, scriptUrl: string): string {
  const tag = `<script src="${scriptUrl.replace(/"/g, '&quot;')}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root) return html.slice(0, root.index + root[0].length) + tag + html.slice(root.index + root[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + tag + html.slice(doctype[0].length);
  return tag + html;
}
