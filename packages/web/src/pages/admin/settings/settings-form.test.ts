import type { TenantSettings } from '@satchel/core';
import { UpdateTenantRequest } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  audienceList,
  settingsPatch,
  settingsProblems,
  settingsValues,
  withLocales,
} from './settings-form.js';

const settings: TenantSettings = {
  id: '01a22327-f966-7480-9ecd-0ea338aeb061',
  slug: 'learners',
  name: 'Satchel Youth',
  defaultLocale: 'fr',
  locales: ['en', 'fr', 'ar'],
  branding: { name: 'Youth', primaryColor: '#1D4ED8', accentColor: '#f59e0b', logoUrl: null },
  audiences: ['youth', 'teachers'],
  signupPolicy: 'open',
  allowPin: true,
  inviteCode: null,
  storageLimitBytes: 100,
  uploadLimitBytes: 10,
  storageUsedBytes: 5,
  logoSha256: null,
  version: 3,
};

describe('platform settings form', () => {
  it('sends back what it loaded, in the shape the server validates', () => {
    const patch = settingsPatch(settingsValues(settings));
    expect(UpdateTenantRequest.safeParse(patch).success).toBe(true);
    expect(patch).toMatchObject({
      name: 'Satchel Youth',
      locales: ['en', 'fr', 'ar'],
      defaultLocale: 'fr',
      audiences: ['youth', 'teachers'],
      inviteCode: null,
      branding: { primaryColor: '#1d4ed8', logoSha256: null },
    });
  });

  it('reads audiences one per line, trimmed, without blanks or repeats', () => {
    expect(audienceList(' youth \n\nteachers\r\nyouth\n')).toEqual(['youth', 'teachers']);
  });

  it('moves the default language when it is no longer offered', () => {
    const values = withLocales(settingsValues(settings), ['en', 'ar']);
    expect(values.defaultLocale).toBe('en');
    expect(withLocales(settingsValues(settings), ['fr']).defaultLocale).toBe('fr');
  });

  it('needs at least one language', () => {
    expect(settingsProblems(withLocales(settingsValues(settings), [])).locales).toBe(
      'admin.settings.localesRequired',
    );
  });

  it('needs an invite code of 4 to 100 characters when sign-up is by invitation', () => {
    const invite = { ...settingsValues(settings), signupPolicy: 'invite' as const };
    expect(settingsProblems(invite).inviteCode).toBe('admin.settings.inviteCodeRequired');
    expect(settingsProblems({ ...invite, inviteCode: 'abc' }).inviteCode).toBe(
      'admin.settings.inviteCodeInvalid',
    );
    expect(settingsProblems({ ...invite, inviteCode: ' TEACH-2026 ' }).inviteCode).toBeUndefined();
    expect(settingsPatch({ ...invite, inviteCode: ' TEACH-2026 ' }).inviteCode).toBe('TEACH-2026');
  });

  it('checks names and colours', () => {
    const problems = settingsProblems({
      ...settingsValues(settings),
      name: '  ',
      brandName: 'x'.repeat(121),
      primaryColor: 'blue',
      accentColor: 'F59E0B',
    });
    expect(problems).toEqual({
      name: 'admin.settings.nameInvalid',
      brandName: 'admin.settings.nameInvalid',
      primaryColor: 'admin.settings.colourInvalid',
    });
  });

  it('accepts a colour typed without the #', () => {
    const patch = settingsPatch({ ...settingsValues(settings), accentColor: 'F59E0B' });
    expect(patch.branding?.accentColor).toBe('#f59e0b');
  });
});
