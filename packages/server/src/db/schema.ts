import type { Generated } from 'kysely';

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
  kind: 'video' | 'audio' | 'pdf' | 'image' | 'epub' | 'html5' | 'captions' | 'h5p';
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
  /** LRS (0200): "\n"-delimited activity ids / agent keys for related_activities / related_agents. */
  related_activities: string | null;
  related_agents: string | null;
}

// --- LRS conformance (H3, migration 0200): xAPI documents, attachments, activity definitions ---
// Offline learner app (H2): device tokens, one per learner profile on a device.
export interface DeviceTokensTable {
  id: string;
  tenant_id: string;
  user_id: string;
  label: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
}

export interface XapiDocumentsTable {
  tenant_id: string;
  /** Sync id (0800): SHA-256 of (kind, activity_id, agent_key, registration, document_id). */
  id: string;
  /** Bumped by every write (0800), for the sync change tracker. */
  version: Generated<number>;
  /** A deleted document's tombstone (0800): no content, kept so the deletion syncs. */
  deleted_at: string | null;
  kind: 'state' | 'activity_profile' | 'agent_profile';
  activity_id: string;
  agent_key: string;
  registration: string;
  document_id: string;
  content_type: string;
  /** base64 of the document's bytes */
  content: string;
  /** SHA-1 hex of the bytes */
  etag: string;
  updated: string;
}
export interface XapiAttachmentsTable {
  tenant_id: string;
  sha2: string;
  content_type: string;
  /** base64 */
  content: string;
}
export interface XapiActivitiesTable {
  tenant_id: string;
  activity_id: string;
  /** JSON of the merged Activity definition */
  definition: string;
  updated: string;
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
  /** When this server stored it (0800): record sync scans recent attempts by it. */
  stored_at: string;
}

// cmi5 registrations and AU launch sessions (H5, migration 0350).
export interface Cmi5RegistrationsTable {
  tenant_id: string;
  /** Sync id (0800): SHA-256 of (user_id, course_id). */
  id: string;
  user_id: string;
  course_id: string;
  registration: string;
  created_at: string;
  /** Sync (0800): bumped by every write, and when this server last wrote the row. */
  version: Generated<number>;
  updated_at: string;
}

export interface Cmi5SessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  course_id: string;
  version_id: string;
  lesson_id: string;
  registration: string;
  launch_mode: string;
  fetch_hash: string;
  fetched_at: string | null;
  token_hash: string | null;
  launched_at: string;
  expires_at: string;
  terminated_at: string | null;
  abandoned_at: string | null;
  satisfied_at: string | null;
}

// SCORM run-time data (H4, migration 0300).
export interface ScormAttemptsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  version_id: string;
  last_item_id: string | null;
  completed: number;
  success: string;
  scaled: number | null;
  progress: number;
  started_at: string;
  updated_at: string;
  /** Bumped by every write (0800), for the sync change tracker. */
  version: Generated<number>;
}

export interface ScormItemStatesTable {
  tenant_id: string;
  /** Sync id (0800): SHA-256 of (attempt_id, item_id). */
  id: string;
  /** The attempt's learner (0800; null only for rows written before it). */
  user_id: string | null;
  attempt_id: string;
  item_id: string;
  completion: string;
  success: string;
  score_scaled: number | null;
  score_raw: number | null;
  score_min: number | null;
  score_max: number | null;
  progress_measure: number | null;
  location: string;
  suspend_data: string;
  exit: string;
  previous_seconds: number;
  session_seconds: number;
  session_id: string;
  seq: number;
  /** The commit's own time (orders sessions; may be old for a commit relayed late). */
  updated_at: string;
  /** Sync (0800): bumped by every write, and when this server last wrote the row. */
  version: Generated<number>;
  touched_at: string;
}

// Record sync (H7, migration 0500; decision 0006).
export interface SyncInstanceTable {
  id: string; // always 'self'
  instance_id: string;
  counter: number;
  hlc: string | null;
}

export interface SyncRecordsTable {
  tenant_id: string;
  kind: string; // SyncKind
  record_id: string;
  instance_id: string;
  counter: number;
  /** The local row version these registers describe; null for immutable kinds. */
  row_version: number | null;
  fields: string; // JSON RecordFields ('{}' for immutable kinds)
  user_id: string | null; // whose record it is (scopes, learner fetch)
  class_id: string | null; // the class it belongs to (class scopes)
  updated_at: string;
}

export interface SyncHubsTable {
  id: string;
  tenant_id: string;
  name: string;
  instance_id: string;
  class_ids: string; // JSON string[] ([] = the whole platform)
  secret_hash: string;
  created_at: string;
  created_by: string | null;
  last_contact_at: string | null;
  last_vector: string | null; // JSON VersionVector the hub last pulled from
  revoked_at: string | null;
  last_drift: string | null; // JSON SyncDrift: the last clock drift seen in what the hub sent
  last_refused: string | null; // JSON SyncRefusal[]: what its last refusing exchange refused
}

export interface SyncHubUsersTable {
  tenant_id: string;
  hub_id: string;
  user_id: string; // a user a class-scoped hub may write outside its classes
  reason: string; // 'created' (first came from the hub) | 'fetched' (learner fetch at sign-in)
  created_at: string;
}

export interface SyncLinksTable {
  id: string;
  tenant_id: string;
  upstream_url: string;
  upstream_slug: string;
  upstream_instance: string;
  hub_id: string;
  secret: string;
  class_ids: string; // JSON string[]
  pulled: string; // JSON VersionVector integrated from the upstream
  pull_cursor: string | null;
  pull_snapshot: string | null; // JSON VersionVector of the pull in progress
  pushed: string; // JSON VersionVector the upstream is known to hold
  push_cursor: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  created_at: string;
  last_drift: string | null; // JSON SyncDrift: the last clock drift seen in what the upstream sent
  last_refused: string | null; // JSON SyncRefusal[]: what the upstream refused from the last push that refused anything
}

export interface SyncStagingTable {
  tenant_id: string;
  kind: string;
  record_id: string;
  record: string; // JSON SyncRecord
  staged_at: string;
  attempts: number;
}

export interface SyncConflictsTable {
  tenant_id: string;
  id: string;
  kind: string;
  record_id: string;
  field: string;
  loser_value: string; // JSON
  loser_stamp: string;
  winner_value: string; // JSON
  winner_stamp: string;
  recorded_at: string;
}

// Common Cartridge import reports and statement forwarding (H6, migrations 0400, 0410).
export interface CourseImportReportsTable {
  tenant_id: string;
  course_id: string;
  format: string;
  report: string; // JSON ImportReport
  created_at: string;
}

export interface ForwardingDestinationsTable {
  tenant_id: string;
  id: string;
  name: string;
  endpoint: string;
  auth_kind: 'basic' | 'bearer';
  auth_key: string | null;
  auth_secret: string;
  verbs: string; // JSON string[]
  activity_prefix: string | null;
  paused: number;
  start_from: string;
  watermark: string;
  failures: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_delivered_at: string | null;
  delivered_count: number;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ForwardingQueueTable {
  tenant_id: string;
  destination_id: string;
  statement_id: string;
  stored: string;
  delivered_at: string | null;
  attempts: number;
}

// Learning Cinema (cinema/): plans and session logs; JSON columns hold core's cinema shapes.
export interface CinemaPlansTable extends SyncColumns {
  id: string;
  tenant_id: string;
  owner_id: string | null;
  title: string;
  description: string;
  age_band: string;
  duration_minutes: number;
  language: string;
  tags: string; // JSON string[]
  shared: number;
  steps: string; // JSON PlanStep[]
}
export interface CinemaSessionsTable extends SyncColumns {
  id: string;
  tenant_id: string;
  plan_id: string;
  plan_title: string;
  date: string;
  place: string;
  region: string;
  latitude: number | null;
  longitude: number | null;
  facilitator_ids: string; // JSON string[]
  team: string;
  started_at: string;
  ended_at: string;
  attendance: string; // JSON Attendance
  reached: number;
  with_disability: number;
  activities: string; // JSON ActivityCounts[]
  check_ins: string; // JSON CheckInCounts[]
  notes: string;
  referral: number;
  steps_completed: number;
  recorded_by: string | null;
}

// Sneakernet bundles (H8, migration 0600).
export interface BundleKeysTable {
  id: string; // always 'self'
  public_key: string; // base64 SPKI DER (Ed25519)
  private_key: string; // PKCS#8 PEM
  created_at: string;
}

export interface BundleTrustedKeysTable {
  tenant_id: string;
  public_key: string;
  name: string;
  created_at: string;
}

export interface BundlePeersTable {
  tenant_id: string;
  instance_id: string;
  vector: string | null; // JSON VersionVector the peer held when it made its last bundle
  content_versions: string; // JSON string[]: course version ids the peer holds
  updated_at: string;
}

export interface BundleImportsTable {
  tenant_id: string;
  bundle_id: string;
  source_instance: string;
  imported_at: string;
  summary: string; // JSON
}

export interface Database {
  bundle_keys: BundleKeysTable; // bundles (H8)
  bundle_trusted_keys: BundleTrustedKeysTable; // bundles (H8)
  bundle_peers: BundlePeersTable; // bundles (H8)
  bundle_imports: BundleImportsTable; // bundles (H8)
  tenants: TenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  device_tokens: DeviceTokensTable; // offline learner app (H2)
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
  xapi_documents: XapiDocumentsTable; // LRS conformance (H3)
  xapi_attachments: XapiAttachmentsTable; // LRS conformance (H3)
  xapi_activities: XapiActivitiesTable; // LRS conformance (H3)
  lesson_progress: LessonProgressTable;
  course_progress: CourseProgressTable;
  quiz_attempts: QuizAttemptsTable;
  sync_instance: SyncInstanceTable; // record sync (H7)
  sync_records: SyncRecordsTable; // record sync (H7)
  sync_hubs: SyncHubsTable; // record sync (H7)
  sync_hub_users: SyncHubUsersTable; // record sync: users a class-scoped hub may write (issue 5)
  sync_links: SyncLinksTable; // record sync (H7)
  sync_staging: SyncStagingTable; // record sync (H7)
  sync_conflicts: SyncConflictsTable; // record sync (H7)
  cmi5_registrations: Cmi5RegistrationsTable; // cmi5 (H5)
  cmi5_sessions: Cmi5SessionsTable; // cmi5 (H5)
  scorm_attempts: ScormAttemptsTable; // SCORM (H4)
  scorm_item_states: ScormItemStatesTable; // SCORM (H4)
  course_import_reports: CourseImportReportsTable; // Common Cartridge (H6)
  forwarding_destinations: ForwardingDestinationsTable; // statement forwarding (H6)
  forwarding_queue: ForwardingQueueTable; // statement forwarding (H6)
  cinema_plans: CinemaPlansTable; // Learning Cinema
  cinema_sessions: CinemaSessionsTable; // Learning Cinema
}
