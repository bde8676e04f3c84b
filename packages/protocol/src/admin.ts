import { z } from 'zod';

/** Staff edit the bot's flows, rules and settings as JSON or YAML documents; every save is a new version. */
export const definitionKindSchema = z.enum(['flow', 'rules', 'settings']);
export type DefinitionKind = z.infer<typeof definitionKindSchema>;

export const definitionBodySchema = z.object({
  format: z.enum(['json', 'yaml']).default('yaml'),
  source: z.string().min(1).max(200_000),
});
export type DefinitionBody = z.infer<typeof definitionBodySchema>;

export const definitionParamsSchema = z.object({
  kind: definitionKindSchema,
  key: z.string().regex(/^[a-z0-9_-]{1,64}$/),
});

export const definitionVersionSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  format: z.enum(['json', 'yaml']),
  source: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const definitionSavedSchema = z.object({
  kind: definitionKindSchema,
  key: z.string(),
  version: z.number().int(),
});

export const definitionListSchema = z.object({ definitions: z.array(definitionVersionSchema) });

export const activateBodySchema = z.object({
  /** the version to run from now on; null switches the definition off */
  version: z.number().int().positive().nullable(),
});

const bilingualQuestions = z.object({
  zh: z.array(z.string().trim().min(1).max(200)).max(50),
  en: z.array(z.string().trim().min(1).max(200)).max(50),
});

/** One FAQ entry of the knowledge base: several phrasings per language, an answer per language, related entries. */
export const knowledgeEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'ids are lowercase letters, digits, ".", "_" and "-"'),
    category: z.string().trim().min(1).max(40),
    questions: bilingualQuestions.refine((q) => q.zh.length + q.en.length > 0, 'at least one phrasing'),
    answer: z.object({ zh: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) }),
    related: z.array(z.string().max(64)).max(10).default([]),
  })
  .strict();
export type KnowledgeEntryBody = z.infer<typeof knowledgeEntrySchema>;

export const knowledgeParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9_.-]{1,64}$/) });
export const knowledgeListSchema = z.object({ entries: z.array(knowledgeEntrySchema) });

/** The workspace's identity-verification secret (admins only): the shop's backend signs customer ids with it. */
export const identitySecretSchema = z.object({ secret: z.string() });
export type IdentitySecret = z.infer<typeof identitySecretSchema>;
