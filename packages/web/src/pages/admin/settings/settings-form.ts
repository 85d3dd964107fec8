import type { SignupPolicy, TenantSettings, UpdateTenantRequest } from '@satchel/core';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { HEX_COLOUR, normaliseHex } from './brand-contrast.js';

// The platform settings form: its values, its checks (the same limits as UpdateTenantRequest in core,
// written without zod) and the PATCH body it sends.

export interface SettingsValues {
  readonly name: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** One audience per line. */
  readonly audiences: string;
  readonly signupPolicy: SignupPolicy;
  readonly inviteCode: string;
  readonly allowPin: boolean;
  readonly brandName: string;
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly logoSha256: string | null;
}

export type SettingsField =
  | 'name'
  | 'locales'
  | 'defaultLocale'
  | 'audiences'
  | 'inviteCode'
  | 'brandName'
  | 'primaryColor'
  | 'accentColor';

export type SettingsProblems = Partial<Record<SettingsField, MessageKey>>;

export function settingsValues(settings: TenantSettings): SettingsValues {
  return {
    name: settings.name,
    locales: settings.locales,
    defaultLocale: settings.defaultLocale,
    audiences: settings.audiences.join('\n'),
    signupPolicy: settings.signupPolicy,
    inviteCode: settings.inviteCode ?? '',
    allowPin: settings.allowPin,
    brandName: settings.branding.name,
    primaryColor: settings.branding.primaryColor.toLowerCase(),
    accentColor: settings.branding.accentColor.toLowerCase(),
    logoSha256: settings.logoSha256,
  };
}

/** The audiences typed one per line: trimmed, empty lines dropped, each only once. */
export function audienceList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const audience = line.trim();
    if (audience !== '') seen.add(audience);
  }
  return [...seen];
}

/**
 * The offered languages after a box was ticked or unticked; the default language follows when it is
 * no longer offered (the server refuses a default that is not offered).
 */
export function withLocales(values: SettingsValues, locales: readonly string[]): SettingsValues {
  const defaultLocale = locales.includes(values.defaultLocale)
    ? values.defaultLocale
    : (locales[0] ?? values.defaultLocale);
  return { ...values, locales, defaultLocale };
}

export function settingsProblems(values: SettingsValues): SettingsProblems {
  const problems: SettingsProblems = {};
  const name = values.name.trim();
  if (name === '' || name.length > 120) problems.name = 'admin.settings.nameInvalid';
  if (values.locales.length === 0) problems.locales = 'admin.settings.localesRequired';
  else if (!values.locales.includes(values.defaultLocale))
    problems.defaultLocale = 'admin.settings.defaultNotOffered';
  const audiences = audienceList(values.audiences);
  if (audiences.length > 50 || audiences.some((audience) => audience.length > 100)) {
    problems.audiences = 'admin.settings.audiencesInvalid';
  }
  const code = values.inviteCode.trim();
  if (values.signupPolicy === 'invite' && code === '')
    problems.inviteCode = 'admin.settings.inviteCodeRequired';
  else if (code !== '' && (code.length < 4 || code.length > 100))
    problems.inviteCode = 'admin.settings.inviteCodeInvalid';
  const brandName = values.brandName.trim();
  if (brandName === '' || brandName.length > 120) problems.brandName = 'admin.settings.nameInvalid';
  if (!HEX_COLOUR.test(normaliseHex(values.primaryColor)))
    problems.primaryColor = 'admin.settings.colourInvalid';
  if (!HEX_COLOUR.test(normaliseHex(values.accentColor)))
    problems.accentColor = 'admin.settings.colourInvalid';
  return problems;
}

/** Everything the form holds, as the PATCH body (the form always sends the whole picture). */
export function settingsPatch(values: SettingsValues): UpdateTenantRequest {
  const code = values.inviteCode.trim();
  return {
    name: values.name.trim(),
    locales: [...values.locales],
    defaultLocale: values.defaultLocale,
    audiences: audienceList(values.audiences),
    signupPolicy: values.signupPolicy,
    inviteCode: code === '' ? null : code,
    allowPin: values.allowPin,
    branding: {
      name: values.brandName.trim(),
      primaryColor: normaliseHex(values.primaryColor),
      accentColor: normaliseHex(values.accentColor),
      logoSha256: values.logoSha256,
    },
  };
}
