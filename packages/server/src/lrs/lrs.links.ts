import type { LrsRepo } from './lrs.repo.js';

// What ties a statement to a learner and a course: which actor names are users of
// the tenant, and which course a version belongs to. Both facts never change once
// true (user ids are never reused, versions never move), so positive answers are
// remembered and ingest skips the lookups in the steady state. Negative answers
// are not: the user may be created a moment later, on this replica or another.

const MAX_REMEMBERED = 50_000;

class BoundedSet {
  private readonly items = new Set<string>();
  has(key: string): boolean {
    return this.items.has(key);
  }
  add(key: string): void {
    if (this.items.size >= MAX_REMEMBERED) this.items.clear();
    this.items.add(key);
  }
}

export class StatementLinks {
  private readonly knownUsers = new BoundedSet();
  private readonly courseOfVersion = new Map<string, string>();

  constructor(private readonly repo: LrsRepo) {}

  /** Of these names, the ids of users of the tenant. */
  async users(tenantId: string, names: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unknown: string[] = [];
    for (const name of names) {
      if (this.knownUsers.has(`${tenantId}/${name}`)) found.add(name);
      else unknown.push(name);
    }
    for (const id of await this.repo.existingUserIds(tenantId, unknown)) {
      this.knownUsers.add(`${tenantId}/${id}`);
      found.add(id);
    }
    return found;
  }

  /** The course of each of these course versions of the tenant that exists. */
  async courses(tenantId: string, versionIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of versionIds) {
      const courseId = this.courseOfVersion.get(`${tenantId}/${id}`);
      if (courseId === undefined) unknown.push(id);
      else found.set(id, courseId);
    }
    for (const [id, courseId] of await this.repo.courseIdsOfVersions(tenantId, unknown)) {
      if (this.courseOfVersion.size >= MAX_REMEMBERED) this.courseOfVersion.clear();
      this.courseOfVersion.set(`${tenantId}/${id}`, courseId);
      found.set(id, courseId);
    }
    return found;
  }
}
