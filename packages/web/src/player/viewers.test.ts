import { describe, expect, it } from 'vitest';
import { isCompletionMessage } from './Html5Viewer.js';
import { hostOf } from './LinkViewer.js';

describe('lesson viewers', () => {
  it('take only the agreed message from an HTML5 package as completion', () => {
    expect(isCompletionMessage({ type: 'satchel:complete' })).toBe(true);
    expect(isCompletionMessage({ type: 'satchel:completed' })).toBe(false);
    expect(isCompletionMessage('satchel:complete')).toBe(false);
    expect(isCompletionMessage(null)).toBe(false);
  });

  it('tell the learner which site a link lesson opens', () => {
    expect(hostOf('https://www.africanstorybook.org/read?id=1')).toBe('www.africanstorybook.org');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
