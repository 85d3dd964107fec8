import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { createI18n } from '../../i18n/i18n.js';
import { ar } from '../../i18n/messages/ar.js';
import { en } from '../../i18n/messages/en.js';
import { packSummary } from './pack-summary.js';
import { errorText } from './problems.js';

const english = createI18n('en', en);
const arabic = createI18n('ar', ar);
const upstream = 'https://learn.example.org';

describe('what "Pack for the field" says it did', () => {
  it('counts the files copied, and says when nothing was missing', () => {
    expect(packSummary(english.t, { upstream, copiedFiles: 3, notCopied: [] })).toEqual({
      tone: 'info',
      text: '3 files copied.',
    });
    expect(packSummary(english.t, { upstream, copiedFiles: 1, notCopied: [] }).text).toBe('1 file copied.');
    expect(packSummary(english.t, { upstream, copiedFiles: 0, notCopied: [] }).text).toBe(
      'Nothing was missing: no file copied.',
    );
    expect(packSummary(arabic.t, { upstream, copiedFiles: 2, notCopied: [] }).text).toBe('نُسخ ملفان.');
  });

  it('warns about files the upstream could not deliver', () => {
    const summary = packSummary(english.t, {
      upstream,
      copiedFiles: 1,
      notCopied: [{ itemId: 'a', title: 'The well', reason: 'The upstream answered 404' }],
    });
    expect(summary).toEqual({
      tone: 'warning',
      text: '1 file copied. 1 file could not be copied; pack again when the connection is better.',
    });
  });

  it('says when the plan itself came from the national server', () => {
    expect(packSummary(english.t, { upstream, fetchedPlan: true, copiedFiles: 1, notCopied: [] }).text).toBe(
      'The plan was copied from the national server. 1 file copied.',
    );
    expect(packSummary(arabic.t, { upstream, fetchedPlan: true, copiedFiles: 0, notCopied: [] }).text).toBe(
      'نُسخت الخطة من الخادم الوطني. لم ينقص شيء: لم يُنسخ أي ملف.',
    );
    expect(packSummary(english.t, { upstream, fetchedPlan: false, copiedFiles: 0, notCopied: [] }).text).toBe(
      'Nothing was missing: no file copied.',
    );
  });

  it('says a server with no upstream only checked', () => {
    expect(packSummary(english.t, { upstream: null, copiedFiles: 0, notCopied: [] })).toEqual({
      tone: 'info',
      text: 'This server has nothing to copy from: every file was checked here.',
    });
  });

  it('explains an unreachable or refusing national server in the interface language', () => {
    const unreachable = new ApiError(502, 'pack_upstream_unreachable', 'Cannot reach https://x');
    expect(errorText(english, unreachable)).toMatch(/^The national server cannot be reached\./);
    expect(errorText(arabic, unreachable)).toMatch(/^تعذّر الوصول إلى الخادم الوطني/);
    expect(errorText(english, new ApiError(502, 'pack_upstream_refused', 'x'))).toMatch(/register it again/);
  });
});
