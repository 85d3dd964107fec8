import {
  agentKey,
  type Statement,
  type SubStatement,
  type XapiActivity,
  type XapiActor,
  type XapiAgent,
  type XapiContext,
} from '@satchel/core';

// What a statement is "related" to beyond its actor and object (Communication
// 2.1.3, related_activities and related_agents): context Activities, the parts of
// a SubStatement, instructor, team and authority. Kept as "\n"-delimited text on
// the row, so a related query is one indexed-by-tenant scan with a substring test.

export const RELATED_SEPARATOR = '\n';

/** A key for any actor; anonymous Groups are keyed by their members. */
export function actorKeyOf(actor: XapiActor): string {
  const key = agentKey(actor);
  if (key !== null) return key;
  const members = actor.objectType === 'Group' ? (actor.member ?? []).map((m) => agentKey(m)).sort() : [];
  return `group:[${members.join(',')}]`;
}

function activitiesOf(context: XapiContext | undefined, into: Set<string>): void {
  const lists = context?.contextActivities;
  if (lists === undefined) return;
  for (const list of [lists.parent, lists.grouping, lists.category, lists.other]) {
    for (const activity of list ?? ([] as XapiActivity[])) into.add(activity.id);
  }
}

function agentsOfContext(context: XapiContext | undefined, into: Set<string>): void {
  if (context === undefined) return;
  if (context.instructor) into.add(actorKeyOf(context.instructor));
  if (context.team) into.add(actorKeyOf(context.team));
  for (const a of context.contextAgents ?? []) into.add(actorKeyOf(a.agent));
  for (const g of context.contextGroups ?? []) into.add(actorKeyOf(g.group));
}

function joined(ids: ReadonlySet<string>): string | null {
  if (ids.size === 0) return null;
  return `${RELATED_SEPARATOR}${[...ids].join(RELATED_SEPARATOR)}${RELATED_SEPARATOR}`;
}

/** The related activity ids and agent keys of a statement, as stored (null when none). */
export function relatedOf(
  statement: Statement,
  authority: XapiAgent,
): { activities: string | null; agents: string | null } {
  const activities = new Set<string>();
  const agents = new Set<string>([actorKeyOf(authority)]);
  activitiesOf(statement.context, activities);
  agentsOfContext(statement.context, agents);
  const object = statement.object;
  if (object.objectType === 'SubStatement') {
    const sub: SubStatement = object;
    agents.add(actorKeyOf(sub.actor));
    const inner = sub.object;
    if (inner.objectType === undefined || inner.objectType === 'Activity') activities.add(inner.id);
    else if (inner.objectType === 'Agent' || inner.objectType === 'Group') agents.add(actorKeyOf(inner));
    activitiesOf(sub.context, activities);
    agentsOfContext(sub.context, agents);
  }
  return { activities: joined(activities), agents: joined(agents) };
}

/** The needle a related query looks for. */
export function relatedNeedle(id: string): string {
  return `${RELATED_SEPARATOR}${id}${RELATED_SEPARATOR}`;
}
