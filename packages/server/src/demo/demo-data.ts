import type { CreateTenantRequest, Role } from '@satchel/core';
import {
  EDUCATORS_CATEGORIES,
  EDUCATORS_FRAMEWORK,
  LEARNERS_CATEGORIES,
  LEARNERS_FRAMEWORK,
  type FrameworkSpec,
} from './demo-curriculum.js';

// Who and what the demo programme holds: two platforms, their people, classes,
// courses (by package folder under demo-content/courses) and learning paths.
// The logins are printed by `satchel serve` and `satchel seed-demo`, and listed in
// docs/demo.md; change both together.

export interface DemoUser {
  username: string;
  password: string;
  pin?: string;
  displayName: string;
  roles: Role[];
  isOperator?: boolean;
  locale?: string;
  sex?: 'female' | 'male' | 'other';
  birthYear?: number;
  region?: string;
  disability?: boolean;
}

export interface DemoClass {
  name: string;
  code: string;
  grade?: string;
  educators: string[];
  learners: string[];
  /** Course package folders and path titles assigned to the whole class. */
  courses: string[];
  paths: string[];
}

export interface DemoTenant {
  create: CreateTenantRequest;
  logo: string;
  framework: FrameworkSpec;
  categories: Record<string, string>[];
  /** Course package folders, in import order (a prerequisite before the course that needs it). */
  courses: string[];
  users: DemoUser[];
  classes: DemoClass[];
  paths: { title: string; description: string; courses: string[]; enforceOrder: boolean }[];
  /** Learners who enrolled themselves, by username, in course package folders. */
  selfEnrolments: [string, string][];
}

const LOCALES = ['en', 'fr', 'ar', 'es', 'pt'];

const staff = (displayNames: Record<'admin' | 'author' | 'educator' | 'facilitator', string>): DemoUser[] => [
  { username: 'admin', password: 'admin123', displayName: displayNames.admin, roles: ['admin'] },
  { username: 'author', password: 'author123', displayName: displayNames.author, roles: ['author'] },
  {
    username: 'educator',
    password: 'educator123',
    displayName: displayNames.educator,
    roles: ['educator'],
    sex: 'female',
    region: 'North',
  },
  {
    username: 'facilitator',
    password: 'facilitator123',
    displayName: displayNames.facilitator,
    roles: ['facilitator'],
    region: 'East',
  },
];

export const DEMO_LEARNERS: DemoTenant = {
  create: {
    slug: 'learners',
    name: 'Satchel Youth (demo)',
    defaultLocale: 'en',
    locales: LOCALES,
    audiences: ['youth'],
    signupPolicy: 'open',
    allowPin: true,
    branding: { name: 'Satchel Youth', primaryColor: '#1d4ed8', accentColor: '#f59e0b' },
  },
  logo: 'logo-learners.png',
  framework: LEARNERS_FRAMEWORK,
  categories: LEARNERS_CATEGORIES,
  courses: [
    'numbers-1-to-10',
    'adding-within-20',
    'amina-at-the-market',
    'handwashing-en',
    'handwashing-fr',
    'handwashing-ar',
    'feeling-calm',
  ],
  users: [
    {
      username: 'operator',
      password: 'operator123',
      displayName: 'Instance Operator',
      roles: ['admin'],
      isOperator: true,
    },
    ...staff({
      admin: 'Nadia Programme Admin',
      author: 'Tomás Author',
      educator: 'Grace Banda',
      facilitator: 'Samuel Okello',
    }),
    {
      username: 'learner',
      password: 'learner123',
      pin: '1234',
      displayName: 'Amina Yusuf',
      roles: ['learner'],
      sex: 'female',
      birthYear: 2017,
      region: 'North',
    },
    {
      username: 'omar',
      password: 'learner123',
      pin: '2345',
      displayName: 'Omar Haddad',
      roles: ['learner'],
      sex: 'male',
      birthYear: 2016,
      region: 'North',
      disability: true,
    },
    {
      username: 'chidi',
      password: 'learner123',
      pin: '3456',
      displayName: 'Chidi Okafor',
      roles: ['learner'],
      sex: 'male',
      birthYear: 2017,
      region: 'South',
    },
    {
      username: 'layla',
      password: 'learner123',
      pin: '4567',
      displayName: 'ليلى منصور',
      roles: ['learner'],
      locale: 'ar',
      sex: 'female',
      birthYear: 2015,
      region: 'East',
    },
    {
      username: 'sofia',
      password: 'learner123',
      pin: '5678',
      displayName: 'Sofía Ramírez',
      roles: ['learner'],
      locale: 'es',
      sex: 'female',
      birthYear: 2014,
      region: 'South',
      disability: true,
    },
    {
      username: 'joao',
      password: 'learner123',
      pin: '6789',
      displayName: 'João Silva',
      roles: ['learner'],
      locale: 'pt',
      sex: 'male',
      birthYear: 2015,
      region: 'East',
    },
  ],
  classes: [
    {
      name: 'Grade 1 Blue',
      code: 'G1-BLUE',
      grade: 'G1',
      educators: ['educator'],
      learners: ['learner', 'omar', 'chidi'],
      courses: ['numbers-1-to-10'],
      paths: ['Early numeracy'],
    },
    {
      name: 'Grade 3 Green',
      code: 'G3-GREEN',
      grade: 'G3',
      educators: ['educator'],
      learners: ['layla', 'sofia', 'joao'],
      courses: ['handwashing-en', 'handwashing-ar'],
      paths: [],
    },
  ],
  paths: [
    {
      title: 'Early numeracy',
      description:
        'Count to ten, then add within twenty. Each course opens when the one before it is complete.',
      courses: ['numbers-1-to-10', 'adding-within-20'],
      enforceOrder: true,
    },
    {
      title: 'Healthy habits',
      description: 'Clean hands and a calm mind: two short courses, in any order.',
      courses: ['handwashing-en', 'feeling-calm'],
      enforceOrder: false,
    },
  ],
  selfEnrolments: [
    ['learner', 'feeling-calm'],
    ['sofia', 'feeling-calm'],
    ['sofia', 'amina-at-the-market'],
  ],
};

export const DEMO_EDUCATORS: DemoTenant = {
  create: {
    slug: 'educators',
    name: 'Satchel Educators (demo)',
    defaultLocale: 'en',
    locales: LOCALES,
    audiences: ['educators'],
    signupPolicy: 'invite',
    inviteCode: 'TEACH-2026',
    allowPin: false,
    branding: { name: 'Satchel Educators', primaryColor: '#166534', accentColor: '#fbbf24' },
  },
  logo: 'logo-educators.png',
  framework: EDUCATORS_FRAMEWORK,
  categories: EDUCATORS_CATEGORIES,
  courses: ['positive-classroom'],
  users: [
    ...staff({
      admin: 'Rania Programme Admin',
      author: 'Claire Author',
      educator: 'Joseph Mwangi',
      facilitator: 'Hana Trainer',
    }),
    {
      username: 'learner',
      password: 'learner123',
      displayName: 'Fatima Ali',
      roles: ['learner'],
      sex: 'female',
      birthYear: 1992,
      region: 'North',
      locale: 'ar',
    },
    {
      username: 'pedro',
      password: 'learner123',
      displayName: 'Pedro Costa',
      roles: ['learner'],
      sex: 'male',
      birthYear: 1988,
      region: 'South',
      locale: 'pt',
    },
    {
      username: 'mary',
      password: 'learner123',
      displayName: 'Mary Achieng',
      roles: ['learner'],
      sex: 'female',
      birthYear: 1995,
      region: 'East',
      disability: true,
    },
  ],
  classes: [
    {
      name: 'Cohort 2026 North',
      code: 'COHORT-N',
      educators: ['educator'],
      learners: ['learner', 'mary'],
      courses: ['positive-classroom'],
      paths: [],
    },
  ],
  paths: [],
  selfEnrolments: [['pedro', 'positive-classroom']],
};

export const DEMO_TENANTS = [DEMO_LEARNERS, DEMO_EDUCATORS] as const;

/** The lines `satchel serve` and `satchel seed-demo` print; `{url}` is replaced by the server's address. */
export function demoLoginLines(): string[] {
  const lines = ['', 'Demo platforms (sign in with these; every learner password is learner123):'];
  for (const tenant of DEMO_TENANTS) {
    lines.push(`  ${tenant.create.name}: {url}/t/${tenant.create.slug}/`);
    for (const user of tenant.users) {
      const what = user.isOperator ? 'instance operator' : user.roles.join(', ');
      const pin = user.pin ? `, PIN ${user.pin}` : '';
      lines.push(`    ${user.username.padEnd(12)} ${user.password.padEnd(15)} ${what}${pin}`);
    }
    if (tenant.create.signupPolicy === 'invite')
      lines.push(`    (new accounts need the invite code ${tenant.create.inviteCode ?? ''})`);
  }
  return lines;
}
