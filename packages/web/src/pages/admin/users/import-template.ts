import type { MessageKey } from '../../../i18n/messages/en.js';
import { toCsv } from '../parts/csv.js';

// The roster CSV the import page describes and offers as a template. The column list mirrors
// USER_IMPORT_COLUMNS in @satchel/core (a test keeps them equal); it is repeated so this page does not
// load core's zod schemas just for fifteen names.

export const IMPORT_COLUMNS = [
  'sourcedId',
  'username',
  'givenName',
  'familyName',
  'role',
  'password',
  'pin',
  'email',
  'phone',
  'grades',
  'classCode',
  'sex',
  'birthYear',
  'region',
  'disability',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a file must have; every other column may be left out or left empty. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['username', 'role'];

export const COLUMN_HELP: Readonly<Record<ImportColumn, MessageKey>> = {
  sourcedId: 'admin.import.col.sourcedId',
  username: 'admin.import.col.username',
  givenName: 'admin.import.col.givenName',
  familyName: 'admin.import.col.familyName',
  role: 'admin.import.col.role',
  password: 'admin.import.col.password',
  pin: 'admin.import.col.pin',
  email: 'admin.import.col.email',
  phone: 'admin.import.col.phone',
  grades: 'admin.import.col.grades',
  classCode: 'admin.import.col.classCode',
  sex: 'admin.import.col.sex',
  birthYear: 'admin.import.col.birthYear',
  region: 'admin.import.col.region',
  disability: 'admin.import.col.disability',
};

type TemplateRow = Readonly<Record<ImportColumn, string>>;

/** Two people who show the formats: a learner signing in with a PIN, an educator with a password. */
export const TEMPLATE_EXAMPLES: readonly TemplateRow[] = [
  {
    sourcedId: 'S-0001',
    username: 'amina.b',
    givenName: 'Amina',
    familyName: 'Bello',
    role: 'learner',
    password: '',
    pin: '4821',
    email: '',
    phone: '',
    grades: 'G1',
    classCode: 'G1-BLUE',
    sex: 'female',
    birthYear: '2016',
    region: 'North',
    disability: 'no',
  },
  {
    sourcedId: 'T-0001',
    username: 'mr.osei',
    givenName: 'Kwame',
    familyName: 'Osei',
    role: 'educator',
    password: 'change-me-2026',
    pin: '',
    email: 'k.osei@example.org',
    phone: '+233 20 000 0000',
    grades: '',
    classCode: 'G1-BLUE',
    sex: 'male',
    birthYear: '1988',
    region: 'North',
    disability: '',
  },
];

/** The template file: the header row and the example rows. */
export function importTemplateCsv(): string {
  return toCsv([
    IMPORT_COLUMNS,
    ...TEMPLATE_EXAMPLES.map((row) => IMPORT_COLUMNS.map((column) => row[column])),
  ]);
}
