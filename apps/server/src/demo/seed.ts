import { readdirSync, readFileSync } from 'node:fs';
import { parseFlow } from '@tandem/engine';
import { knowledgeEntrySchema } from '@tandem/protocol';
import type { SqlStore } from '@tandem/storage';
import { z } from 'zod';
import { fromRoot } from '../paths.ts';
import { hashPassword } from '../services/tokens.ts';

export const DEMO_WORKSPACE = 'demo';
export const DEMO_PASSWORD = 'tandem-demo';

export const demoUsers = [
  { email: 'admin@tandem.demo', name: '管理员 Admin', role: 'admin', locale: 'zh' },
  { email: 'agent1@tandem.demo', name: '王小明', role: 'agent', locale: 'zh' },
  { email: 'agent2@tandem.demo', name: 'Li Na 李娜', role: 'agent', locale: 'en' },
  { email: 'expert@tandem.demo', name: '张专家 Zhang', role: 'expert', locale: 'zh' },
] as const;

/**
 * The demo's teams: skill groups named as the demo flows and rules route (`team: payments`), and the expert
 * tier; members by e-mail.
 */
export const demoTeams = [
  { name: '售前 Pre-sales', key: 'presale', tier: 1, members: ['agent1@tandem.demo', 'agent2@tandem.demo'] },
  {
    name: '售后 After-sales',
    key: 'aftersales',
    tier: 1,
    members: ['agent1@tandem.demo', 'agent2@tandem.demo'],
  },
  { name: '账单 Payments', key: 'payments', tier: 1, members: ['agent2@tandem.demo'] },
  { name: '银行卡 Cards', key: 'cards', tier: 1, members: ['agent1@tandem.demo'] },
  { name: '投诉专家 Complaints', key: 'complaints', tier: 2, members: ['expert@tandem.demo'] },
] as const;

/** A file of the demo workspace, beside this module in the checkout (also when running compiled). */
const demoFile = (name: string) => fromRoot(`apps/server/src/demo/${name}`);

export const knowledgeFileSchema = z.array(knowledgeEntrySchema).min(1);

export function loadDemoKnowledge() {
  const raw = JSON.parse(readFileSync(demoFile('knowledge.json'), 'utf8')) as unknown;
  return knowledgeFileSchema.parse(raw);
}

/** The demo workspace's flows, rules and settings, as files shipped beside this module. */
export function demoDefinitions(): Array<{
  kind: 'flow' | 'rules' | 'settings';
  key: string;
  source: string;
  format: 'json' | 'yaml';
}> {
  const flows = readdirSync(demoFile('flows/'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      kind: 'flow' as const,
      key: name.replace(/\.yaml$/, ''),
      source: readFileSync(demoFile(`flows/${name}`), 'utf8'),
      format: 'yaml' as const,
    }));
  return [
    ...flows,
    { kind: 'rules', key: 'rules', source: readFileSync(demoFile('rules.yaml'), 'utf8'), format: 'yaml' },
    {
      kind: 'settings',
      key: 'settings',
      source: readFileSync(demoFile('settings.json'), 'utf8'),
      format: 'json',
    },
  ];
}

/** Gives the demo workspace its flows, rules and settings when it has none (first run, or an older database). */
export async function seedDemoDefinitions(store: SqlStore): Promise<boolean> {
  const workspace = await store.workspaces.findBySlug(DEMO_WORKSPACE);
  if (!workspace) return false;
  const existing = [
    ...(await store.definitions.listActive(workspace.id, 'flow')),
    ...(await store.definitions.listActive(workspace.id, 'rules')),
    ...(await store.definitions.listActive(workspace.id, 'settings')),
  ];
  if (existing.length > 0) return false;
  for (const def of demoDefinitions()) {
    // a flow is stored under its own id
    const parsed = def.kind === 'flow' ? parseFlow(def.source, def.format) : null;
    if (parsed && !parsed.ok)
      throw new Error(`demo flow ${def.key} is invalid: ${JSON.stringify(parsed.errors)}`);
    const key = parsed?.ok ? parsed.flow.id : def.key;
    await store.definitions.save({ workspaceId: workspace.id, createdBy: null, ...def, key });
  }
  return true;
}

/** On first run only: the demo shop workspace, its staff and its bilingual knowledge base. */
export async function seedDemoWorkspace(store: SqlStore): Promise<boolean> {
  if ((await store.setup.countWorkspaces()) > 0) return false;
  const knowledge = loadDemoKnowledge();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await store.transaction(async (tx) => {
    const workspaceId = await tx.setup.createWorkspace({
      slug: DEMO_WORKSPACE,
      name: '同行优选 Tandem Market',
    });
    const ids = new Map<string, string>();
    for (const user of demoUsers)
      ids.set(user.email, await tx.setup.createUser({ workspaceId, passwordHash, ...user }));
    await tx.knowledge.upsertMany(workspaceId, knowledge);
    for (const team of demoTeams) {
      await tx.teams.create(workspaceId, {
        name: team.name,
        key: team.key,
        tier: team.tier,
        strategy: 'least_busy',
        offerTimeoutSeconds: 30,
        offlineGraceSeconds: 60,
        hours: null,
        sla: null,
        nudgeSeconds: 180,
        requeueAfterNudgeSeconds: 180,
        fallbackTeamId: null,
        memberIds: team.members.map((email) => ids.get(email) as string),
      });
    }
  });
  return true;
}
