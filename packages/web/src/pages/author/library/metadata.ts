import type { LibraryItem, UpdateLibraryItemRequest } from '@satchel/core';
import type { QueryValue } from '../../../api/client.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { isHttpUrl } from '../courses/draft-validation.js';
import type { UploadKind } from './library-filters.js';

// The metadata form of a library item (upload and edit): licence, origin, language. Checked in plain
// code with the same rules as core's LibraryUploadQuery and UpdateLibraryItemRequest.

/** The licences the form offers; "other" lets the author type any SPDX-style identifier. */
export const LICENCE_CHOICES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC0-1.0',
  'public-domain',
  'all-rights-reserved',
] as const;
export const OTHER_LICENCE = 'other';

const LICENCE_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

export interface MetadataDraft {
  readonly title: string;
  /** One of LICENCE_CHOICES, OTHER_LICENCE, or '' before the author chose. */
  readonly licenceChoice: string;
  readonly licenceOther: string;
  readonly author: string;
  readonly provider: string;
  readonly sourceUrl: string;
  readonly language: string;
  readonly description: string;
}

export type MetadataField =
  'title' | 'licence' | 'author' | 'provider' | 'sourceUrl' | 'language' | 'description';
export type MetadataProblems = Partial<Record<MetadataField, MessageKey>>;

export const EMPTY_METADATA: MetadataDraft = {
  title: '',
  licenceChoice: '',
  licenceOther: '',
  author: '',
  provider: '',
  sourceUrl: '',
  language: '',
  description: '',
};

export function isKnownLicence(licence: string): boolean {
  return (LICENCE_CHOICES as readonly string[]).includes(licence);
}

export function metadataFromItem(item: LibraryItem): MetadataDraft {
  const known = isKnownLicence(item.licence);
  return {
    title: item.title,
    licenceChoice: known ? item.licence : OTHER_LICENCE,
    licenceOther: known ? '' : item.licence,
    author: item.author ?? '',
    provider: item.provider ?? '',
    sourceUrl: item.sourceUrl ?? '',
    language: item.language ?? '',
    description: item.description,
  };
}

export function licenceOf(draft: MetadataDraft): string {
  return draft.licenceChoice === OTHER_LICENCE ? draft.licenceOther.trim() : draft.licenceChoice;
}

export function metadataProblems(draft: MetadataDraft): MetadataProblems {
  const problems: MetadataProblems = {};
  const title = draft.title.trim();
  if (title === '') problems.title = 'common.fieldRequired';
  else if (title.length > 300) problems.title = 'author.problem.tooLong';
  const licence = licenceOf(draft);
  if (draft.licenceChoice === '') problems.licence = 'author.library.licenceRequired';
  else if (licence === '') problems.licence = 'common.fieldRequired';
  else if (licence.length > 100 || !LICENCE_ID.test(licence))
    problems.licence = 'author.library.licenceInvalid';
  if (draft.author.trim().length > 300) problems.author = 'author.problem.tooLong';
  if (draft.provider.trim().length > 300) problems.provider = 'author.problem.tooLong';
  const url = draft.sourceUrl.trim();
  if (url !== '' && (url.length > 2000 || !isHttpUrl(url))) problems.sourceUrl = 'author.problem.linkUrl';
  if (draft.description.length > 4000) problems.description = 'author.problem.tooLong';
  return problems;
}

/** The query of `POST /library/uploads` (the file itself is the body). */
export function uploadQuery(kind: UploadKind, draft: MetadataDraft): Record<string, QueryValue> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    kind,
    title: draft.title.trim(),
    licence: licenceOf(draft),
    author: optional(draft.author),
    provider: optional(draft.provider),
    sourceUrl: optional(draft.sourceUrl),
    language: optional(draft.language),
    description: draft.description.trim() === '' ? undefined : draft.description,
  };
}

/** The body of `PATCH /library/:id`: cleared optional fields become null; `version` guards concurrent edits. */
export function metadataPatch(draft: MetadataDraft, version: number): UpdateLibraryItemRequest {
  const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    title: draft.title.trim(),
    description: draft.description,
    licence: licenceOf(draft),
    author: nullable(draft.author),
    provider: nullable(draft.provider),
    sourceUrl: nullable(draft.sourceUrl),
    language: nullable(draft.language),
    version,
  };
}
