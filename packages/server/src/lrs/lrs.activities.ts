import type { Statement, XapiActivity, XapiActivityDefinition } from '@satchel/core';
import type { LrsResourcesRepo } from './lrs.resources.repo.js';

// The canonical Activity definitions served by /xapi/activities (Communication
// 2.5): built from the definitions statements carry, later ones winning, language
// maps and extensions merged entry by entry. Ingest records them inside its
// transaction; a definition already recorded unchanged by this process is skipped,
// so a player re-sending the same definitions costs nothing after the first time.

const MAX_REMEMBERED = 20_000;

export interface PendingDefinitions {
  tenantId: string;
  incoming: Map<string, { text: string; definition: XapiActivityDefinition }[]>;
}

function activitiesIn(statement: Statement, into: XapiActivity[]): void {
  const collect = (s: Pick<Statement, 'object' | 'context'>): void => {
    const object = s.object;
    if (object.objectType === undefined || object.objectType === 'Activity') into.push(object);
    const lists = s.context?.contextActivities;
    if (lists)
      for (const list of [lists.parent, lists.grouping, lists.category, lists.other])
        into.push(...(list ?? []));
  };
  collect(statement);
  if (statement.object.objectType === 'SubStatement') collect(statement.object);
}

type Definition = Record<string, unknown>;

const MERGED_MAPS = new Set(['name', 'description', 'extensions']);

/** `incoming` over `current`: language maps and extensions merge by key, everything else is replaced. */
export function mergeDefinitions(current: Definition, incoming: Definition): Definition {
  const out: Definition = { ...current };
  for (const [key, value] of Object.entries(incoming)) {
    const prev = out[key];
    if (
      MERGED_MAPS.has(key) &&
      typeof prev === 'object' &&
      prev !== null &&
      typeof value === 'object' &&
      value !== null
    ) {
      out[key] = { ...(prev as Definition), ...(value as Definition) };
    } else {
      out[key] = value;
    }
  }
  return out;
}

export class ActivityDefinitions {
  private readonly recorded = new Map<string, string>();

  /**
   * The definitions these statements carry that this process has not recorded as
   * they are; null when there is nothing to write (the steady state), so ingest
   * opens no transaction for them.
   */
  pending(tenantId: string, statements: readonly Statement[]): PendingDefinitions | null {
    const activities: XapiActivity[] = [];
    for (const s of statements) activitiesIn(s, activities);
    const incoming = new Map<string, { text: string; definition: XapiActivityDefinition }[]>();
    for (const a of activities) {
      if (a.definition === undefined) continue;
      const text = JSON.stringify(a.definition);
      if (this.recorded.get(`${tenantId}/${a.id}`) === text) continue;
      const list = incoming.get(a.id) ?? [];
      list.push({ text, definition: a.definition });
      incoming.set(a.id, list);
    }
    return incoming.size === 0 ? null : { tenantId, incoming };
  }

  /** Merges pending definitions into the stored ones (in a transaction of the caller's). */
  async record(repo: LrsResourcesRepo, pending: PendingDefinitions, now: string): Promise<void> {
    const { tenantId, incoming } = pending;
    const stored = await repo.definitions(tenantId, [...incoming.keys()]);
    const rows: { activityId: string; definition: string }[] = [];
    for (const [activityId, list] of incoming) {
      const before = stored.get(activityId);
      let merged: Definition = before === undefined ? {} : (JSON.parse(before) as Definition);
      for (const item of list) merged = mergeDefinitions(merged, item.definition as Definition);
      const text = JSON.stringify(merged);
      if (text !== before) rows.push({ activityId, definition: text });
    }
    await repo.putDefinitions(tenantId, rows, now);
    for (const [activityId, list] of incoming) {
      if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
      this.recorded.set(`${tenantId}/${activityId}`, list[list.length - 1]!.text);
    }
  }

  /** The Activity with its canonical definition; an unknown one is still an Activity (Communication 2.5). */
  async activity(repo: LrsResourcesRepo, tenantId: string, activityId: string): Promise<Definition> {
    const stored = (await repo.definitions(tenantId, [activityId])).get(activityId);
    const activity: Definition = { objectType: 'Activity', id: activityId };
    if (stored !== undefined) activity.definition = JSON.parse(stored) as Definition;
    return activity;
  }
}
