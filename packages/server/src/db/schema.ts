// Row types of every table. Conventions (see docs/architecture.md):
// - ids are UUIDv7 text; every row carries tenant_id (tenants.id for the tenants table itself);
// - timestamps are ISO 8601 UTC text with milliseconds, so they sort as text on both engines;
// - booleans are integers 0/1 and JSON is text, so one schema runs on SQLite and PostgreSQL;
// - mutable rows carry version (incremented on each change), updated_at and deleted_at (tombstone) for sync.

export interface SyncColumns {
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface TenantsTable extends SyncColumns {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
  locales: string; // JSON string[]
  branding: string; // JSON Branding minus logoUrl, plus logo_sha256
  audiences: string; // JSON string[]
  signup_policy: 'open' | 'invite' | 'admin';
  invite_code: string | null;
  allow_pin: number;
  storage_limit_bytes: number;
  upload_limit_bytes: number;
}

export interface UsersTable extends SyncColumns {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  pin_hash: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  sex: 'female' | 'male' | 'other' | null;
  birth_year: number | null;
  region: string | null;
  disability: number | null;
  external_id: string | null;
  is_operator: number;
  status: 'active' | 'disabled';
}

export interface MembershipsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  user_id: string;
  role: 'admin' | 'author' | 'educator' | 'facilitator' | 'learner';
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie token; the token itself is never stored
  tenant_id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LrsCredentialsTable {
  id: string;
  tenant_id: string;
  name: string;
  key: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface RateLimitsTable {
  tenant_id: string;
  key: string;
  window_start: string;
  count: number;
}

export interface ClassesTable extends SyncColumns {
  id: string;
  tenant_id: string;
  name: string;
  code: string | null;
  grade_id: string | null;
  description: string;
}

export interface ClassMembersTable extends SyncColumns {
  id: string;
  tenant_id: string;
  class_id: string;
  user_id: string;
  role: 'educator' | 'learner';
}

export interface CurriculumFrameworksTable extends SyncColumns {
  id: string;
  tenant_id: string;
  name: string; // JSON language map
  code: string;
  description: string;
  source_uri: string | null;
}

export interface CurriculumItemsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  framework_id: string;
  kind: 'subject' | 'grade' | 'outcome';
  code: string;
  name: string; // JSON language map
  description: string; // JSON language map
  subject_id: string | null; // outcomes belong to a subject and a grade
  grade_id: string | null;
  sort: number;
}

export interface CategoriesTable extends SyncColumns {
  id: string;
  tenant_id: string;
  name: string; // JSON language map
  parent_id: string | null;
  sort: number;
}

export interface BlobsTable {
  tenant_id: string;
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
}

export interface LibraryItemsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  kind: 'video' | 'audio' | 'pdf' | 'image' | 'epub' | 'html5' | 'captions';
  title: string;
  description: string;
  language: string | null;
  blob_sha256: string | null;
  size: number;
  media_type: string;
  licence: string;
  author: string | null;
  provider: string | null;
  source_url: string | null;
  captions: string; // JSON Captions[]
  package: string | null; // JSON { entry, files: Record<path, BlobRef> } for html5
  duration_seconds: number | null;
  created_by: string | null;
}

export interface CoursesTable extends SyncColumns {
  id: string;
  tenant_id: string;
  title: string;
  language: string;
  variant_group_id: string | null;
  enrolment_policy: 'open' | 'self' | 'assigned';
  draft: string; // JSON CourseContent
  published_version_id: string | null;
  published_version: number | null;
  archived: number;
  created_by: string | null;
}

export interface CourseVersionsTable {
  id: string;
  tenant_id: string;
  course_id: string;
  version: number;
  manifest: string; // JSON CourseManifest, immutable
  published_at: string;
  published_by: string | null;
}

/** Read model of the latest published version of each course, for fast catalog reads. */
export interface CatalogEntriesTable {
  tenant_id: string;
  course_id: string;
  version_id: string;
  version: number;
  title: string;
  description: string;
  language: string;
  category_id: string | null;
  variant_group_id: string | null;
  enrolment_policy: 'open' | 'self' | 'assigned';
  audiences: string; // JSON string[]
  lesson_count: number;
  duration_minutes: number;
  cover_sha256: string | null;
  search_text: string;
  published_at: string;
}

export interface CourseTagsTable {
  tenant_id: string;
  course_id: string;
  kind: 'grade' | 'subject' | 'outcome';
  item_id: string;
}

export interface LearningPathsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  title: string;
  description: string;
  language: string;
  course_ids: string; // JSON string[]
  enforce_order: number;
  published: number;
}

export interface EnrolmentsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  course_id: string | null;
  path_id: string | null;
  user_id: string | null;
  class_id: string | null;
  source: 'self' | 'assigned';
  assigned_by: string | null;
}

export interface StatementsTable {
  tenant_id: string;
  id: string;
  actor_key: string;
  user_id: string | null;
  verb_id: string;
  object_id: string;
  registration: string | null;
  timestamp: string;
  stored: string;
  voided: number;
  voided_target: string | null;
  statement: string; // JSON, as stored (with stored/authority/version filled)
  /** The course the statement's context ties it to (migration 0040). */
  course_id: string | null;
  /** JSON of the statement's `result`, when it has one (0040). */
  result: string | null;
  /** Who vouched for it: 'system' | 'credential' | 'learner' (0040). */
  authority_kind: string | null;
}

export interface LessonProgressTable {
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  status: 'not_started' | 'in_progress' | 'completed';
  progress: number;
  best_score: number | null;
  passed: number | null;
  attempts: number;
  completed_at: string | null;
  updated_at: string;
}

export interface CourseProgressTable {
  tenant_id: string;
  user_id: string;
  course_id: string;
  status: 'not_started' | 'in_progress' | 'completed';
  percent: number;
  completed_lessons: number;
  required_lessons: number;
  next_lesson_id: string | null;
  last_activity_at: string | null;
  completed_at: string | null;
  updated_at: string;
}

export interface QuizAttemptsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  version_id: string;
  statement_id: string;
  submitted_at: string;
  responses: string; // JSON Record<questionId, Response>
  score: number;
  max_score: number;
  scaled: number;
  passed: number;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  lrs_credentials: LrsCredentialsTable;
  rate_limits: RateLimitsTable;
  classes: ClassesTable;
  class_members: ClassMembersTable;
  curriculum_frameworks: CurriculumFrameworksTable;
  curriculum_items: CurriculumItemsTable;
  categories: CategoriesTable;
  blobs: BlobsTable;
  library_items: LibraryItemsTable;
  courses: CoursesTable;
  course_versions: CourseVersionsTable;
  catalog_entries: CatalogEntriesTable;
  course_tags: CourseTagsTable;
  learning_paths: LearningPathsTable;
  enrolments: EnrolmentsTable;
  statements: StatementsTable;
  lesson_progress: LessonProgressTable;
  course_progress: CourseProgressTable;
  quiz_attempts: QuizAttemptsTable;
}
