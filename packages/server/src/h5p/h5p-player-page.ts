// The host page of the H5P player frame and its script, kept as strings so the built
// server carries them (tsc copies no other files). Served by h5p.routes.ts beside
// h5p-standalone's own bundles.

export const PLAYER_HTML = String.raw`<!doctype html>
<html lang="und">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>H5P</title>
    <link rel="stylesheet" href="styles/h5p.css" />
    <style>
      html, body { margin: 0; padding: 0; background: #fff; }
      #h5p-error { font: 1rem system-ui, sans-serif; padding: 1rem; color: #8a1c1c; }
    </style>
    <script src="player.js" defer></script>
  </head>
  <body>
    <div id="h5p-container"></div>
  </body>
</html>
`;

export const PLAYER_JS = String.raw`// Satchel's host page for h5p-standalone. It runs in a frame sandboxed without
// allow-same-origin: a unique origin with no cookies, no storage and no access to the
// platform. It renders the package whose base URL is in the fragment
// (#content=<path>&lang=<tag>) and relays H5P's xAPI statements to the parent, which
// rewrites them as the learner's and records them.
(function () {
  'use strict';
  var post = function (message) {
    window.parent.postMessage(message, '*');
  };

  // An opaque origin has no Web Storage: H5P's clipboard and user id would throw.
  try {
    void window.localStorage.length;
  } catch (e) {
    var memory = {};
    var storage = {
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null; },
      setItem: function (k, v) { memory[k] = String(v); },
      removeItem: function (k) { delete memory[k]; },
      clear: function () { memory = {}; },
      key: function (i) { return Object.keys(memory)[i] || null; },
      get length() { return Object.keys(memory).length; },
    };
    try {
      Object.defineProperty(window, 'localStorage', { value: storage, configurable: true });
    } catch (ignored) {
      /* H5P then runs without its clipboard */
    }
  }

  var params = new URLSearchParams(location.hash.slice(1));
  var content = params.get('content');
  var fail = function (reason) {
    var box = document.createElement('p');
    box.id = 'h5p-error';
    box.textContent = 'This H5P activity could not be opened.';
    document.body.appendChild(box);
    console.warn('H5P player: ' + String(reason));
    post({ type: 'satchel:h5p-error', reason: String(reason) });
  };
  // A path on this server: h5p-standalone resolves it against location.origin (it takes
  // absolute URLs only when their host has a top-level domain).
  if (!content || !/^\/[^\/]/.test(content)) return fail('no content path');
  if (params.get('lang')) document.documentElement.lang = params.get('lang');

  var script = document.createElement('script');
  script.src = new URL('main.bundle.js', location.href).href;
  script.onerror = function () { fail('player script failed to load'); };
  script.onload = function () {
    var container = document.getElementById('h5p-container');
    var options = {
      h5pJsonPath: content.replace(/\/$/, ''),
      frameJs: new URL('frame.bundle.js', location.href).pathname,
      frameCss: new URL('styles/h5p.css', location.href).pathname,
      embedType: 'div',
      frame: false,
      copyright: false,
      export: false,
      embed: false,
      icon: false,
      fullScreen: false,
      // No user: H5P then keeps no state on a server and makes up an actor of its own,
      // which the parent replaces in every statement anyway.
      saveFreq: false,
    };
    new window.H5PStandalone.H5P(container, options).then(
      function () {
        window.H5P.externalDispatcher.on('xAPI', function (event) {
          var statement = event && event.data && event.data.statement;
          if (statement) post({ type: 'satchel:h5p-xapi', statement: JSON.parse(JSON.stringify(statement)) });
        });
        post({ type: 'satchel:h5p-ready' });
        var report = function () {
          post({ type: 'satchel:h5p-height', height: document.documentElement.scrollHeight });
        };
        if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
        report();
      },
      function (error) { fail(error && error.stack ? error.stack : error); },
    );
  };
  document.head.appendChild(script);
})();
`;
