// Catalog reads per second through the whole Satchel stack (tenant, session,
// query validation, the catalog's answer cache) against a bare Fastify route that
// returns the same JSON from memory. See bench/README.md.
import Fastify from 'fastify';
import type { Engine } from '../packages/server/dist/db/database.js';
import type { Services } from '../packages/server/dist/app/services.js';
import { LoadGenerator, type LoadRequest } from './lib/load.js';
import { runIfMain } from './lib/main.js';
import { interleave, ratioOf, timed, type Side } from './lib/measure.js';
import { int, log, pct, type BenchOutcome, type SummaryRow } from './lib/report.js';
import { createTenant, publishCourse } from './lib/seed.js';
import { portOf, postgresAnswers, startServer } from './lib/server.js';
import { seededRandom } from './lib/statements.js';

const COURSES = 50;
/** Connections held open by the load generator (what autocannon uses by default). */
const CONCURRENCY = 10;
const REQUESTS_PER_ROUND = 1500;
const ROUNDS = 12;
const SIDE_LIMIT_MS = 30_000;
const SLUG = 'catalog';
const PASSWORD = 'learner-password-1';

interface Curriculum {
  grades: string[];
  subjects: string[];
  outcomes: string[];
  categories: string[];
}

async function seedCurriculum(services: Services, tenantId: string): Promise<Curriculum> {
  const framework = await services.curriculum.createFramework(tenantId, {
    code: 'BENCH',
    name: { en: 'Benchmark curriculum', fr: 'Programme de test' },
  });
  const item = async (
    kind: 'subject' | 'grade' | 'outcome',
    code: string,
    en: string,
    links = {},
  ): Promise<string> =>
    (
      await services.curriculum.addItem(tenantId, framework.id, {
        kind,
        code,
        name: { en, fr: en },
        ...links,
      })
    ).id;
  const subjects: string[] = [];
  for (const [code, en] of [
    ['MATH', 'Mathematics'],
    ['LIT', 'Literacy'],
    ['LIFE', 'Life skills'],
    ['SCI', 'Science'],
  ] as const) {
    subjects.push(await item('subject', code, en));
  }
  const grades: string[] = [];
  for (let g = 1; g <= 6; g++) grades.push(await item('grade', `G${g}`, `Grade ${g}`));
  const outcomes: string[] = [];
  for (let o = 0; o < 24; o++) {
    const subjectId = subjects[o % subjects.length]!;
    const gradeId = grades[o % grades.length]!;
    outcomes.push(await item('outcome', `OUT.${o + 1}`, `Outcome ${o + 1}`, { subjectId, gradeId }));
  }
  const categories: string[] = [];
  for (const [sort, en] of ['Numeracy', 'Reading', 'Health', 'Well-being'].entries()) {
    categories.push((await services.categories.create(tenantId, { name: { en, fr: en }, sort })).id);
  }
  return { grades, subjects, outcomes, categories };
}

const TOPICS = [
  'Water and handwashing',
  'Counting to twenty',
  'Stories from the market',
  'Feeling calm',
  'Plants and seeds',
  'Fractions with food',
  'Reading together',
  'Staying safe online',
  'Our bodies',
  'Money at home',
];

/** 50 published courses: a third with French and Arabic variants, each tagged with a grade, a subject and two outcomes. */
async function seedCourses(services: Services, tenantId: string, curriculum: Curriculum): Promise<void> {
  const random = seededRandom(50);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let made = 0;
  let topic = 0;
  while (made < COURSES) {
    const title = `${TOPICS[topic % TOPICS.length]} ${Math.floor(topic / TOPICS.length) + 1}`;
    topic++;
    const tags = {
      gradeIds: [pick(curriculum.grades)],
      subjectIds: [pick(curriculum.subjects)],
      outcomeIds: [pick(curriculum.outcomes), pick(curriculum.outcomes)],
    };
    const languages = topic % 3 === 0 ? ['en', 'fr', 'ar'] : ['en'];
    const variantGroupId = languages.length > 1 ? crypto.randomUUID() : undefined;
    for (const language of languages) {
      if (made === COURSES) break;
      await publishCourse(services, tenantId, {
        title: language === 'en' ? title : `${title} (${language})`,
        language,
        modules: 2,
        lessonsPerModule: 3,
        categoryId: pick(curriculum.categories),
        tags,
        ...(variantGroupId ? { variantGroupId } : {}),
      });
      made++;
    }
  }
}

async function signIn(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/t/${SLUG}/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'reader', password: PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}

/** What the learner app asks for: the first pages, a filter or two, a search (page size 12, as CatalogPage sends). */
function catalogPaths(curriculum: Curriculum): string[] {
  const base = `/api/t/${SLUG}/catalog`;
  return [
    `${base}?pageSize=12`,
    `${base}?pageSize=12&page=2`,
    `${base}?pageSize=12&grade=${curriculum.grades[2]}`,
    `${base}?pageSize=12&subject=${curriculum.subjects[0]}&language=en`,
    `${base}?pageSize=12&q=water`,
    `${base}?pageSize=12&sort=newest`,
  ];
}

/** The same answers from memory: the fastest a Fastify JSON route can be on this machine. */
async function bareServer(
  answers: ReadonlyMap<string, string>,
): Promise<{ port: number; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/api/t/:tenant/catalog', async (req, reply) => {
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'private, no-cache');
    return answers.get(req.url) ?? '{}';
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: portOf(app.server), close: () => app.close() };
}

function side(name: string, load: LoadGenerator, port: number, requests: LoadRequest[]): Side {
  return {
    name,
    run: () =>
      timed(async () => {
        const job = {
          host: '127.0.0.1' as const,
          port,
          requests,
          total: REQUESTS_PER_ROUND,
          concurrency: CONCURRENCY,
          maxMs: SIDE_LIMIT_MS,
        };
        return (await load.runClean(job, `${name} catalog reads`)).completed;
      }),
  };
}

async function benchEngine(engine: Engine, load: LoadGenerator, notes: string[]): Promise<SummaryRow> {
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  log(`\n[catalog-reads] ${label}: seeding a curriculum and ${COURSES} published courses…`);
  const server = await startServer(engine);
  const { services } = server;
  try {
    // Open, as the demo's youth platform is, so the anonymous diagnostic side may browse too.
    const tenantId = await createTenant(services, SLUG, 'open');
    await services.users.create(tenantId, {
      username: 'reader',
      displayName: 'Grace Banda',
      password: PASSWORD,
      roles: ['learner'],
    });
    const curriculum = await seedCurriculum(services, tenantId);
    await seedCourses(services, tenantId, curriculum);
    const cookie = await signIn(server.port);
    const paths = catalogPaths(curriculum);
    const answers = new Map<string, string>();
    for (const path of paths) {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      answers.set(path, await res.text());
    }
    const first = JSON.parse(answers.get(paths[0]!)!) as { total: number };
    if (first.total !== COURSES) throw new Error(`the catalog lists ${first.total} courses, not ${COURSES}`);
    const bare = await bareServer(answers);
    try {
      const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers: { cookie } }));
      const totals = await interleave(
        [
          side('satchel', load, server.port, requests),
          side('bare', load, bare.port, requests),
          side(
            'anonymous',
            load,
            server.port,
            paths.map((path) => ({ method: 'GET', path, headers: {} })),
          ),
        ],
        ROUNDS,
      );
      const satchel = totals.get('satchel')!;
      const baseline = totals.get('bare')!;
      const anonymous = totals.get('anonymous')!;
      const ratio = ratioOf(satchel, baseline);
      const sessionShare = 1 - ratioOf(satchel, anonymous).median;
      log(
        `[catalog-reads] ${label}: Satchel catalog ${int(satchel.perSecond)} requests/s, bare Fastify ${int(baseline.perSecond)} requests/s`,
      );
      log(
        `[catalog-reads] ${label}: Satchel / bare = ${pct(ratio.median)}  (rounds ${pct(ratio.min)}–${pct(ratio.max)}; target >= 50%)`,
      );
      log(
        `[catalog-reads] ${label}: without a session ${int(anonymous.perSecond)} requests/s (${pct(ratioOf(anonymous, baseline).median)} of bare): resolving the session takes ${pct(sessionShare)} of a signed-in read`,
      );
      notes.push(
        `${label}: the same reads without a session (an open platform's visitor) reach ${int(anonymous.perSecond)} requests/s, ${pct(ratioOf(anonymous, baseline).median)} of bare; resolving the session cookie takes ${pct(sessionShare)} of a signed-in read.`,
      );
      return {
        benchmark: 'catalog-reads',
        measure: `signed-in catalog / bare route (${label})`,
        subject: `${int(satchel.perSecond)} req/s`,
        baseline: `${int(baseline.perSecond)} req/s`,
        ratio: `${pct(ratio.median)} (${pct(ratio.min)}–${pct(ratio.max)})`,
        target: '>= 50%',
        met: ratio.median >= 0.5,
      };
    } finally {
      await bare.close();
    }
  } finally {
    await server.close();
  }
}

export async function catalogReads(): Promise<BenchOutcome> {
  const rows: SummaryRow[] = [];
  const notes = [
    `${CONCURRENCY} keep-alive connections from a load generator thread, ${ROUNDS} timed rounds of ${int(REQUESTS_PER_ROUND)} requests per side after one warm-up round, cycling through 6 catalog queries (pages, filters, a search) with a learner's session cookie. The bare route is Fastify alone, in the same process, answering the same bytes from a Map.`,
  ];
  const load = new LoadGenerator();
  try {
    rows.push(await benchEngine('sqlite', load, notes));
    const pgState = await postgresAnswers();
    if (pgState.ok) rows.push(await benchEngine('postgres', load, notes));
    else {
      const note = `PostgreSQL skipped: it does not answer (${pgState.reason}).`;
      log(`[catalog-reads] ${note}`);
      notes.push(note);
    }
  } finally {
    await load.close();
  }
  return { name: 'catalog-reads', rows, notes };
}

runIfMain(import.meta.url, catalogReads);
