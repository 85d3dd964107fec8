import { strToU8, zipSync } from 'fflate';

// A small cmi5 course for tests: cmi5.xml with a block of two AUs (one in the package,
// moveOn CompletedAndPassed with a mastery score; one NotApplicable at an absolute URL),
// and the packaged AU's page, a minimal but real AU: it reads the launch parameters,
// spends the fetch URL, reads LMS.LaunchData, and sends initialized, completed, passed
// and terminated to the endpoint with the session's token.

export const AU_ID = 'https://example.org/cmi5/planets/au/quiz';
export const COURSE_ID = 'https://example.org/cmi5/planets';

export function cmi5Xml(options: { auUrl?: string; extra?: string; moveOn?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${COURSE_ID}">
    <title><langstring lang="en-US">Planets (cmi5)</langstring></title>
    <description><langstring lang="en-US">A course of two units.</langstring></description>
  </course>
  <block id="https://example.org/cmi5/planets/block/1">
    <title><langstring lang="en-US">Inner planets</langstring></title>
    <description><langstring lang="en-US">Mercury to Mars.</langstring></description>
    <au id="${AU_ID}" moveOn="${options.moveOn ?? 'CompletedAndPassed'}" masteryScore="0.8" launchMethod="AnyWindow">
      <title><langstring lang="en-US">Red planet quiz</langstring></title>
      <description><langstring lang="en-US">One question.</langstring></description>
      <url>${options.auUrl ?? 'au/index.html'}</url>
    </au>
    <au id="https://example.org/cmi5/planets/au/reading" launchMethod="OwnWindow">
      <title><langstring lang="en-US">Reading</langstring></title>
      <description><langstring lang="en-US">Optional reading.</langstring></description>
      <url>https://example.org/reading.html</url>
    </au>
  </block>${options.extra ?? ''}
</courseStructure>`;
}

export const AU_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Red planet quiz</title></head>
<body><h1>Red planet quiz</h1><p id="status">Starting…</p>
<script>
(async function () {
  var CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
  var MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
  var status = document.getElementById('status');
  try {
    var q = new URLSearchParams(location.search);
    var endpoint = q.get('endpoint');
    var actor = JSON.parse(q.get('actor'));
    var registration = q.get('registration');
    var activityId = q.get('activityId');
    var answer = await (await fetch(q.get('fetch'), { method: 'POST' })).json();
    var headers = { Authorization: 'Basic ' + answer['auth-token'], 'X-Experience-API-Version': '1.0.3' };
    var stateUrl = endpoint + 'activities/state?' + new URLSearchParams({
      activityId: activityId, agent: JSON.stringify(actor), registration: registration, stateId: 'LMS.LaunchData',
    });
    var stateResponse = await fetch(stateUrl, { headers: headers });
    if (!stateResponse.ok) throw new Error('LMS.LaunchData: HTTP ' + stateResponse.status);
    var launchData = await stateResponse.json();
    var template = launchData.contextTemplate;
    var uuid = function () {
      return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
        var r = (Math.random() * 16) | 0;
        return (c === 'x' ? r : (r & 3) | 8).toString(16);
      });
    };
    var send = async function (verb, result, extensions) {
      var judged = result && ('completion' in result || 'success' in result);
      var statement = {
        id: uuid(),
        actor: actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { 'en-US': verb } },
        object: { objectType: 'Activity', id: activityId },
        context: Object.assign({}, template, {
          contextActivities: Object.assign({}, template.contextActivities, {
            category: [{ id: CMI5 }].concat(judged ? [{ id: MOVEON }] : []),
          }),
          extensions: Object.assign({}, template.extensions, extensions || {}),
        }),
        timestamp: new Date().toISOString(),
      };
      if (result) statement.result = result;
      var res = await fetch(endpoint + 'statements', {
        method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
        body: JSON.stringify(statement),
      });
      if (!res.ok) throw new Error(verb + ': HTTP ' + res.status);
    };
    await send('initialized');
    await send('completed', { completion: true, duration: 'PT5S' });
    await send('passed', { success: true, score: { scaled: 0.9 }, duration: 'PT5S' }, {
      'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': launchData.masteryScore,
    });
    await send('terminated', { duration: 'PT6S' });
    status.textContent = 'Finished: you may close this unit.';
  } catch (error) {
    status.textContent = 'Failed: ' + (error && error.message ? error.message : error);
  }
})();
</script></body></html>`;

export function cmi5Zip(files: Record<string, string | undefined> = {}): Uint8Array {
  const all: Record<string, string | undefined> = {
    'cmi5.xml': cmi5Xml(),
    'au/index.html': AU_PAGE,
    ...files,
  };
  return zipSync(
    Object.fromEntries(
      Object.entries(all)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([p, t]) => [p, strToU8(t)]),
    ),
  );
}
