import type { Html5Package } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import { importPackageFiles } from '../content/html5-package.js';
import {
  DEFAULT_ZIP_LIMITS,
  listZipEntries,
  readEntry,
  type ZipEntry,
  type ZipLimits,
} from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';
import { invalid, type AppError } from '../http/errors.js';

// A .h5p file is a zip of h5p.json (what the content is and which libraries it needs),
// content/content.json (its parameters and media) and one folder per library
// ("H5P.MultiChoice-1.16/library.json" and its scripts). The zip itself is checked by
// zip-safety; this module checks the H5P rules before anything is stored, then keeps
// every file as a blob, which is what an h5p lesson carries.

export type H5pRule =
  | 'missing_file'
  | 'invalid_json'
  | 'missing_field'
  | 'invalid_field'
  | 'missing_library'
  | 'library_mismatch'
  | 'missing_library_file';

export class H5pPackageError {
  constructor(
    readonly file: string,
    readonly rule: H5pRule,
    readonly message: string,
  ) {}
}

export function h5pRefusal(error: H5pPackageError): AppError {
  return invalid('invalid_h5p', `${error.file}: ${error.message}`, { file: error.file, rule: error.rule });
}

export interface LibraryRef {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
}

export interface H5pManifest {
  title: string;
  language: string;
  mainLibrary: string;
  preloadedDependencies: LibraryRef[];
  embedTypes: ('div' | 'iframe')[];
}

/** What the checks need: a JSON file's parsed text, or null when the file is absent. */
export type ReadJson = (path: string) => Promise<unknown>;

export const MAX_H5P_JSON_BYTES = 16 * 1024 * 1024;
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;
const MACHINE_NAME = /^[\w.-]{1,255}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The folder a library lives in, by the H5P naming rule. */
export const libraryFolder = (lib: LibraryRef): string =>
  `${lib.machineName}-${lib.majorVersion}.${lib.minorVersion}`;

function text(file: string, obj: Record<string, unknown>, field: string): string {
  const value = obj[field];
  if (value === undefined) throw new H5pPackageError(file, 'missing_field', `"${field}" is required`);
  if (typeof value !== 'string' || value.trim() === '')
    throw new H5pPackageError(file, 'invalid_field', `"${field}" must be a non-empty string`);
  return value;
}

function version(file: string, obj: Record<string, unknown>, field: string): number {
  const value = obj[field];
  if (value === undefined) throw new H5pPackageError(file, 'missing_field', `"${field}" is required`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new H5pPackageError(file, 'invalid_field', `"${field}" must be a whole number`);
  return value;
}

function dependencies(file: string, obj: Record<string, unknown>, required: boolean): LibraryRef[] {
  const list = obj.preloadedDependencies;
  if (list === undefined) {
    if (required) throw new H5pPackageError(file, 'missing_field', '"preloadedDependencies" is required');
    return [];
  }
  if (!Array.isArray(list))
    throw new H5pPackageError(file, 'invalid_field', '"preloadedDependencies" must be a list');
  return list.map((dep: unknown, i) => {
    const where = `preloadedDependencies[${i}]`;
    if (!isObject(dep)) throw new H5pPackageError(file, 'invalid_field', `${where} must be an object`);
    const machineName = text(file, dep, 'machineName');
    if (!MACHINE_NAME.test(machineName))
      throw new H5pPackageError(file, 'invalid_field', `${where}.machineName is not a library name`);
    return {
      machineName,
      majorVersion: version(file, dep, 'majorVersion'),
      minorVersion: version(file, dep, 'minorVersion'),
    };
  });
}

/** h5p.json by the H5P file format: title, language, mainLibrary, preloadedDependencies, embedTypes. */
export function checkManifest(json: unknown): H5pManifest {
  const file = 'h5p.json';
  if (!isObject(json)) throw new H5pPackageError(file, 'invalid_json', 'must be a JSON object');
  const title = text(file, json, 'title');
  const language = text(file, json, 'language');
  if (!/^(und|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)$/.test(language))
    throw new H5pPackageError(file, 'invalid_field', '"language" must be a language code or "und"');
  const mainLibrary = text(file, json, 'mainLibrary');
  const preloadedDependencies = dependencies(file, json, true);
  if (preloadedDependencies.length === 0)
    throw new H5pPackageError(file, 'invalid_field', '"preloadedDependencies" must name the main library');
  if (!preloadedDependencies.some((d) => d.machineName === mainLibrary))
    throw new H5pPackageError(
      file,
      'invalid_field',
      `"mainLibrary" ${mainLibrary} is not a preloaded dependency`,
    );
  let embedTypes: ('div' | 'iframe')[] = ['div'];
  if (json.embedTypes !== undefined) {
    const types = json.embedTypes;
    if (!Array.isArray(types) || types.length === 0 || types.some((t) => t !== 'div' && t !== 'iframe'))
      throw new H5pPackageError(file, 'invalid_field', '"embedTypes" must list "div" and/or "iframe"');
    embedTypes = types as ('div' | 'iframe')[];
  }
  return { title: title.trim(), language, mainLibrary, preloadedDependencies, embedTypes };
}

/**
 * Every rule of a .h5p package: h5p.json sound, content/content.json valid JSON, and each
 * library (the preloaded ones and, transitively, theirs) present with a library.json
 * that names it and the scripts and styles it lists.
 */
export async function checkH5pPackage(paths: ReadonlySet<string>, readJson: ReadJson): Promise<H5pManifest> {
  if (!paths.has('h5p.json'))
    throw new H5pPackageError('h5p.json', 'missing_file', 'a .h5p package must have h5p.json at its root');
  const manifest = checkManifest(await readJson('h5p.json'));
  if (!paths.has('content/content.json'))
    throw new H5pPackageError('content/content.json', 'missing_file', 'the content parameters are missing');
  const content = await readJson('content/content.json');
  if (!isObject(content))
    throw new H5pPackageError('content/content.json', 'invalid_json', 'must be a JSON object');

  const pending = [...manifest.preloadedDependencies];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const lib = pending.shift() as LibraryRef;
    const folder = libraryFolder(lib);
    if (seen.has(folder)) continue;
    seen.add(folder);
    const file = `${folder}/library.json`;
    if (!paths.has(file))
      throw new H5pPackageError(
        file,
        'missing_library',
        `library ${folder} is needed but not in the package`,
      );
    const json = await readJson(file);
    if (!isObject(json)) throw new H5pPackageError(file, 'invalid_json', 'must be a JSON object');
    const named = {
      machineName: text(file, json, 'machineName'),
      majorVersion: version(file, json, 'majorVersion'),
      minorVersion: version(file, json, 'minorVersion'),
    };
    if (libraryFolder(named) !== folder)
      throw new H5pPackageError(file, 'library_mismatch', `describes ${libraryFolder(named)}, not ${folder}`);
    for (const list of ['preloadedJs', 'preloadedCss'] as const) {
      const assets: unknown = json[list] ?? [];
      if (!Array.isArray(assets))
        throw new H5pPackageError(file, 'invalid_field', `"${list}" must be a list`);
      for (const asset of assets) {
        const path = isObject(asset) && typeof asset.path === 'string' ? asset.path : null;
        if (path === null)
          throw new H5pPackageError(file, 'invalid_field', `"${list}" entries need a "path"`);
        if (!paths.has(`${folder}/${path}`))
          throw new H5pPackageError(
            `${folder}/${path}`,
            'missing_library_file',
            `listed in ${file} but missing`,
          );
      }
    }
    pending.push(...dependencies(file, json, false));
  }
  return manifest;
}

/** A ReadJson over any listing: `read` gives a file's bytes, or null when it is absent. */
export function jsonReader(read: (path: string) => Promise<Uint8Array | null>): ReadJson {
  return async (path) => {
    const bytes = await read(path);
    if (bytes === null) return null;
    try {
      return JSON.parse(
        Buffer.from(bytes)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      ) as unknown;
    } catch {
      throw new H5pPackageError(path, 'invalid_json', 'is not valid JSON');
    }
  };
}

/** Checks a .h5p zip and stores its files (all or nothing); the package's entry is h5p.json. */
export async function importH5pPackage(
  blobs: BlobStore,
  tenantId: string,
  source: ZipSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Html5Package> {
  const entries = await listZipEntries(source, limits);
  const files = entries
    .filter((e) => !e.isDirectory && !JUNK.test(e.path))
    .map((zip) => ({ path: zip.path, zip }));
  const byPath = new Map<string, ZipEntry>(files.map((f) => [f.path, f.zip]));
  const readJson = jsonReader(async (path) => {
    const entry = byPath.get(path);
    return entry ? readEntry(source, entry, MAX_H5P_JSON_BYTES) : null;
  });
  try {
    await checkH5pPackage(new Set(byPath.keys()), readJson);
  } catch (err) {
    if (err instanceof H5pPackageError) throw h5pRefusal(err);
    throw err;
  }
  return { entry: 'h5p.json', files: await importPackageFiles(blobs, tenantId, source, files, limits) };
}
