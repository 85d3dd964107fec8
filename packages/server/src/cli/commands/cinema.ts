import { z } from 'zod';
import type { Actor } from '../../http/context.js';
import { CinemaRepo } from '../../cinema/cinema.repo.js';
import { upstreamFromLink } from '../../mirror/mirror.link.js';
import { PackError, packPlans, type PackUpstream } from '../../cinema/cinema.pack.js';
import { CliError, requireString, UsageError, type Command } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

const PlanId = z.uuid();

export const cinemaPackCommand: Command = {
  name: ['cinema', 'pack'],
  summary: 'Copy Learning Cinema plans and their media onto this machine, then check every item plays',
  usage: 'satchel cinema pack --tenant SLUG [--for USERNAME | --upstream URL] PLAN_ID...',
  help: [
    'Run on the facilitator laptop (a hub) before the team leaves the network. Each plan not on this',
    'machine yet is fetched from the upstream and merged as record sync merges it (its later arrival',
    'by sync changes nothing), then its library items and their files are copied (only what is',
    'missing, resumed after a dropped link, each file checked against its SHA-256). Then every media',
    'item of every plan is checked on this disk: present, intact and in a format that plays. Exits 1',
    'if any plan is not ready.',
    'On a registered hub (`satchel hub register`) the upstream is the hub’s, asked with the hub',
    'credential, as the "Pack for the field" button does; nothing is asked when nothing is missing.',
    'Elsewhere, or to copy from another server, give --upstream and an API token.',
    'Options:',
    '  --tenant SLUG     the platform the plans belong to',
    '  --for USERNAME    on a hub: fetch plans this facilitator may take (their own unshared ones too);',
    '                    without it, only plans shared with the platform’s facilitators',
    '  --upstream URL    the server to copy from with an API token (e.g. the national server)',
    '  --json            print the result as JSON',
    'Environment:',
    '  SATCHEL_UPSTREAM_TOKEN  an API token (sat_…) of a facilitator or admin upstream, needed with --upstream',
    'Examples:',
    '  satchel cinema pack --tenant syria --for amal 0193…',
    '  SATCHEL_UPSTREAM_TOKEN=sat_… satchel cinema pack --tenant syria --upstream https://learn.example.org 0193…',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    for: { type: 'string' },
    upstream: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const slug = requireString(values, 'tenant');
    if (positionals.length === 0) throw new UsageError('give at least one plan id');
    const bad = positionals.filter((id) => !PlanId.safeParse(id).success);
    if (bad.length > 0) throw new UsageError(`not a plan id: ${bad.join(', ')}`);
    let upstream: PackUpstream | null = null;
    if (typeof values.upstream === 'string') {
      const token = io.env.SATCHEL_UPSTREAM_TOKEN?.trim();
      if (!token)
        throw new UsageError('--upstream needs SATCHEL_UPSTREAM_TOKEN (an API token of the upstream)');
      if (!/^https?:\/\//.test(values.upstream)) throw new UsageError('--upstream must be an http(s) URL');
      upstream = { baseUrl: values.upstream, token };
    }
    if (upstream && typeof values.for === 'string')
      throw new UsageError('--for is for a hub’s own upstream; with --upstream the token says who asks');
    return withServices(io, async (services, handle, config) => {
      const tenant = await tenantOrFail(services, slug);
      let asUser: string | undefined;
      if (typeof values.for === 'string') {
        const user = await services.users.byUsername(tenant.id, values.for);
        if (!user) throw new CliError(`no user "${values.for}" on /t/${tenant.slug}/`);
        asUser = user.id;
      }
      // The same path as the button: a registered hub asks its upstream with its own credential.
      const hubLink = upstream ? null : await upstreamFromLink(services.sync.service, tenant.id);
      if (hubLink) upstream = { ...hubLink, ...(asUser ? { asUser } : {}) };
      else if (asUser)
        throw new CliError(`--for needs this server to be a registered hub of /t/${tenant.slug}/`);
      // The command line acts for the machine's operator, who may pack any plan of the tenant.
      const actor: Actor = {
        userId: '00000000-0000-0000-0000-000000000000',
        tenantId: tenant.id,
        username: 'satchel-cli',
        displayName: 'Command line',
        roles: ['admin'],
        isOperator: true,
        via: 'token',
        sessionId: null,
      };
      try {
        const packed = await packPlans(
          {
            repo: new CinemaRepo(handle.db),
            cinema: services.cinema,
            blobs: services.blobs,
            blobDir: config.blobDir,
            clock: services.ctx.clock,
            records: services.sync.service,
          },
          tenant,
          actor,
          positionals,
          upstream,
          (event) => {
            if (!values.json)
              io.err(
                `${event.stage === 'file' ? '  copying' : event.stage === 'plan' ? 'fetching plan' : 'checking'} ${event.detail}\n`,
              );
          },
        );
        if (values.json) {
          io.out(`${JSON.stringify(packed)}\n`);
        } else {
          for (const plan of packed) {
            io.out(
              `${plan.readiness.ready ? 'READY  ' : 'NOT READY'} ${plan.title} (${plan.planId})${plan.fetchedPlan ? ', plan fetched' : ''}${plan.copiedFiles ? `, ${plan.copiedFiles} files copied` : ''}\n`,
            );
            for (const item of plan.notCopied) io.out(`  not copied ${item.title}: ${item.reason}\n`);
            for (const item of plan.readiness.items)
              io.out(
                `  ${item.status === 'ok' ? 'ok     ' : item.status.padEnd(7)} ${item.title}: ${item.message}\n`,
              );
          }
        }
        return packed.every((plan) => plan.readiness.ready) ? 0 : 1;
      } catch (error) {
        if (error instanceof PackError) throw new CliError(error.message);
        throw error;
      }
    });
  },
};
