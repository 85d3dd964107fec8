import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember } from '../test-support/identity.js';
import { learnerStatement, register, startTree, statementCount, type Tree } from './sync.test-support.js';

let tree: Tree | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
});

describe.each((await engines()).slice(-1))(
  'class-scoped hub (national on %s)',
  { timeout: 180_000 },
  (engine) => {
    it('gets only its classes, and fetches the history of a learner who joins one', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant } = tree;
      const hub = tree.hubs[0]!;
      const cls = await national.services.classes.create(tenant.id, { name: 'P6 green' });
      const inClass = await addMember(national, tenant, 'kwame', ['learner']);
      const mover = await addMember(national, tenant, 'efua', ['learner']);
      await national.services.classes.addMember(tenant.id, cls.id, inClass, 'learner');
      const old = await learnerStatement(national, tenant.id, mover); // efua's history, elsewhere
      await register(hub, national, 'P6 laptop', [cls.id]);
      const [first] = await hub.services.sync.client.syncAll();
      expect(first?.error).toBeNull();
      const users = async () =>
        (await hub.db.db.selectFrom('users').select('username').where('tenant_id', '=', tenant.id).execute())
          .map((r) => r.username)
          .sort((a, b) => a.localeCompare(b));
      expect(await users()).toEqual(['kwame']);
      expect(await statementCount(hub, tenant.id, old)).toBe(0);

      // Efua joins the class nationally: the next sync brings her, and her earlier records.
      await national.services.classes.addMember(tenant.id, cls.id, mover, 'learner');
      const [second] = await hub.services.sync.client.syncAll();
      expect(second?.error).toBeNull();
      expect(await users()).toEqual(['efua', 'kwame']);
      expect(await statementCount(hub, tenant.id, old)).toBe(1);
    });
  },
);
