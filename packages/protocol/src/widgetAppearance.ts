import { z } from 'zod';
import { langSchema, storableString, workspaceSlugSchema } from './common.ts';

/** The longest greeting, per language (characters). */
export const WIDGET_GREETING_MAX = 200;

const greetingText = storableString()
  .trim()
  .max(WIDGET_GREETING_MAX, `a greeting is at most ${WIDGET_GREETING_MAX} characters`);

/**
 * How the customer widget looks and speaks, as admins set it in the console (the widget follows it from the
 * next page view). The embedding page's `data-position`, `data-elder` and `data-lang` win over it.
 * - `color`: the brand colour `#rrggbb` (stored lower-case); the widget derives its darker and soft shades.
 * - `position`: the launcher's corner.
 * - `greeting`: the welcome shown when the chat opens, per language, plain text; empty: the built-in one.
 * - `languages`: the languages the widget offers (1–2, each once); a browser in neither language gets
 *   English when it is offered; with one, the language switch is hidden and that language is used.
 * - `elder`: the elder-friendly mode (larger text, the person button first) on by default.
 */
export const widgetAppearanceSchema = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is # and six hex digits, e.g. #0f766e')
    .toLowerCase(),
  position: z.enum(['right', 'left']),
  greeting: z.object({ zh: greetingText, en: greetingText }),
  languages: z
    .array(langSchema)
    .min(1, 'offer at least one language')
    .max(2)
    .refine((languages) => new Set(languages).size === languages.length, 'each language at most once'),
  elder: z.boolean(),
});
export type WidgetAppearance = z.infer<typeof widgetAppearanceSchema>;

/** The widget's own look: what a workspace has until an admin changes it. */
export const defaultWidgetAppearance: WidgetAppearance = {
  color: '#0f766e',
  position: 'right',
  greeting: { zh: '', en: '' },
  languages: ['zh', 'en'],
  elder: false,
};

/** GET and PUT /api/admin/widget, GET /api/widget/appearance. */
export const widgetAppearanceResponseSchema = z.object({ appearance: widgetAppearanceSchema });
export type WidgetAppearanceResponse = z.infer<typeof widgetAppearanceResponseSchema>;

/** GET /api/widget/appearance?workspace=: the look alone, read by the widget before any session. */
export const widgetAppearanceQuerySchema = z.object({ workspace: workspaceSlugSchema });
