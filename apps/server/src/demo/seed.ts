import { readFileSync } from 'node:fs';
import type { SqlStore } from '@tandem/storage';
import { z } from 'zod';
import { hashPassword } from '../services/tokens.ts';

export const DEMO_WORKSPACE = 'demo';
export const DEMO_PASSWORD = 'tandem-demo';

export const demoUsers = [
  { email: 'admin@tandem.demo', name: '管理员 Admin', role: 'admin', locale: 'zh' },
  { email: 'agent1@tandem.demo', name: '王小明', role: 'agent', locale: 'zh' },
  { email: 'agent2@tandem.demo', name: 'Li Na 李娜', role: 'agent', locale: 'en' },
  { email: 'expert@tandem.demo', name: '张专家 Zhang', role: 'expert', locale: 'zh' },
] as const;

const bilingual = <T extends z.ZodType>(schema: T) => z.object({ zh: schema, en: schema });
export const knowledgeFileSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[a-z0-9_.-]+$/),
      category: z.string().min(1),
      questions: bilingual(z.array(z.string().min(1)).min(1)),
      answer: bilingual(z.string().min(1)),
      related: z.array(z.string()),
    }),
  )
  .min(1);

export function loadDemoKnowledge() {
  const raw = JSON.parse(readFileSync(new URL('./knowledge.json', import.meta.url), 'utf8')) as unknown;
  return knowledgeFileSchema.parse(raw);
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
    for (const user of demoUsers) await tx.setup.createUser({ workspaceId, passwordHash, ...user });
    await tx.knowledge.upsertMany(workspaceId, knowledge);
  });
  return true;
}
