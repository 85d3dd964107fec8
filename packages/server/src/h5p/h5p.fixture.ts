import { zipSync, strToU8 } from 'fflate';

// A tiny but real .h5p package for tests: h5p.json, content/content.json and one
// library of Satchel's own ("Satchel.TinyQuiz 1.0", a runnable content type built on
// H5P's EventDispatcher) that shows a question with buttons and triggers an xAPI
// "answered" event with a scored result, exactly as H5P content types do.

export const TINY_QUIZ_JS = `
// H5P finds a library's constructor by its machine name, from window: Satchel.TinyQuiz.
var Satchel = (window.Satchel = window.Satchel || {});
Satchel.TinyQuiz = (function (EventDispatcher) {
  function TinyQuiz(params, contentId) {
    EventDispatcher.call(this);
    this.params = params;
    this.contentId = contentId;
  }
  TinyQuiz.prototype = Object.create(EventDispatcher.prototype);
  TinyQuiz.prototype.constructor = TinyQuiz;
  TinyQuiz.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.innerHTML = '';
    var question = document.createElement('p');
    question.textContent = self.params.question;
    root.appendChild(question);
    self.params.answers.forEach(function (answer) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = answer.text;
      button.addEventListener('click', function () {
        var correct = answer.correct === true;
        var event = self.createXAPIEventTemplate('answered');
        event.setScoredResult(correct ? 1 : 0, 1, self, true, correct);
        self.trigger(event);
        var result = document.createElement('p');
        result.className = 'tiny-quiz-result';
        result.textContent = correct ? 'Correct!' : 'Not quite.';
        root.appendChild(result);
      });
      root.appendChild(button);
    });
  };
  return TinyQuiz;
})(H5P.EventDispatcher);
`;

export interface TinyQuizOptions {
  /** Replace or drop (undefined) files of the package, by path. */
  override?: Record<string, string | undefined>;
}

export function tinyQuizFiles(options: TinyQuizOptions = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    'h5p.json': JSON.stringify({
      title: 'Which planet is red?',
      language: 'en',
      mainLibrary: 'Satchel.TinyQuiz',
      embedTypes: ['div'],
      license: 'CC0 1.0',
      preloadedDependencies: [{ machineName: 'Satchel.TinyQuiz', majorVersion: 1, minorVersion: 0 }],
    }),
    'content/content.json': JSON.stringify({
      question: 'Which planet is called the red planet?',
      answers: [
        { text: 'Venus', correct: false },
        { text: 'Mars', correct: true },
      ],
    }),
    'Satchel.TinyQuiz-1.0/library.json': JSON.stringify({
      title: 'Tiny quiz',
      machineName: 'Satchel.TinyQuiz',
      majorVersion: 1,
      minorVersion: 0,
      patchVersion: 0,
      runnable: 1,
      embedTypes: ['div'],
      preloadedJs: [{ path: 'tiny-quiz.js' }],
    }),
    'Satchel.TinyQuiz-1.0/tiny-quiz.js': TINY_QUIZ_JS,
    ...options.override,
  };
  return Object.fromEntries(
    Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The .h5p zip of tinyQuizFiles. */
export function tinyQuizH5p(options: TinyQuizOptions = {}): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(tinyQuizFiles(options)).map(([p, t]) => [p, strToU8(t)])));
}
