import { type Expression, sql } from 'kysely';

/** `%text%` for LIKE / ILIKE, with `\`, `%` and `_` in the text taken literally (escape character `\`). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * `expression ILIKE '%text%'`: a case-insensitive substring match, the same on PGlite and PostgreSQL, for
 * Chinese as for English (the text is bound as a parameter, never spliced into the SQL).
 */
export const ilikeContains = (expression: Expression<unknown>, text: string) =>
  sql<boolean>`${expression} ilike ${containsPattern(text)} escape '\\'`;
