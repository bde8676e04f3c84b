import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const bilingual = z.object({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) });

/** A workspace's conversation policy. Every field has a default, so `{}` is a valid settings document. */
export const botSettingsSchema = z
  .object({
    fallback: z
      .object({
        /** consecutive unanswered messages before the bot hands over (the issue's "second miss → a person") */
        maxMisses: z.number().int().min(1).max(5).default(2),
        /** offer clarification buttons (top 3) when unsure */
        clarify: z.boolean().default(true),
      })
      .prefault({}),
    emotion: z
      .object({
        /** open replies to upset customers with an acknowledgement */
        empathy: z.boolean().default(true),
        /** offer a person and raise priority on anger, threats, urgency */
        escalate: z.boolean().default(true),
        /** hand over at once (not only offer) when escalation is urgent */
        handOverWhenUrgent: z.boolean().default(true),
      })
      .prefault({}),
    humanFirst: z
      .object({
        /** the whole workspace: every customer goes straight to a person, the bot only greets */
        enabled: z.boolean().default(false),
        /** customer attributes that mean human-first, e.g. { ageGroup: ['60+', '70+'] } */
        attributes: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).default({}),
        /** honour the embedding page's `humanFirst` attribute and a remembered `prefersHuman` preference */
        honourPreference: z.boolean().default(true),
      })
      .prefault({}),
    greeting: bilingual.optional(),
    vocabulary: z
      .object({
        /** words the Chinese segmenter must keep whole: product names, jargon (同行卡, 以旧换新) */
        words: z.array(z.string().trim().min(1).max(50)).max(5000).default([]),
        /** groups of words that mean the same here; the first is the one the bot learns (退款 = 退钱 = refund) */
        synonyms: z
          .array(z.array(z.string().trim().min(1).max(50)).min(2).max(30))
          .max(2000)
          .default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type BotSettings = z.output<typeof botSettingsSchema>;
export type BotSettingsInput = z.input<typeof botSettingsSchema>;

export const defaultBotSettings: BotSettings = botSettingsSchema.parse({});

/** Parses a settings document (JSON or YAML); errors carry the exact path of each problem. */
export function parseBotSettings(
  source: string | unknown,
  format: 'json' | 'yaml' = 'json',
): { ok: true; settings: BotSettings } | { ok: false; errors: Array<{ path: string; message: string }> } {
  let raw: unknown = source;
  if (typeof source === 'string') {
    try {
      raw = format === 'yaml' ? parseYaml(source) : JSON.parse(source);
    } catch (error) {
      return {
        ok: false,
        errors: [{ path: '', message: `not valid ${format}: ${(error as Error).message}` }],
      };
    }
  }
  const result = botSettingsSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}
