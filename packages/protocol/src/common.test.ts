import { describe, expect, it } from 'vitest';
import { activateBodySchema, definitionBodySchema, knowledgeEntrySchema } from './admin.ts';
import { messageTextSchema, storableString, storableTextProblem } from './common.ts';
import { agentSendSchema, widgetSendSchema } from './events.ts';
import { widgetSessionBodySchema } from './rest.ts';

const pathsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((issue) => issue.path.map(String).join('.')) ?? [];

describe('storable text', () => {
  it('finds NUL and lone surrogates, and accepts everything else', () => {
    expect(storableTextProblem('plain text, 中文, emoji 😀👍🏽, \t\n')).toBeNull();
    expect(storableTextProblem('')).toBeNull();
    expect(storableTextProblem('a\u0000b')).toMatch(/NUL/);
    expect(storableTextProblem('\uD800')).toMatch(/surrogate/);
    expect(storableTextProblem('x\uDBFF')).toMatch(/surrogate/);
    expect(storableTextProblem('\uDC00x')).toMatch(/surrogate/);
    expect(storableTextProblem('\uDE00\uD83D')).toMatch(/surrogate/); // reversed pair
    expect(storableTextProblem('😀'.slice(0, 1))).toMatch(/surrogate/);
  });

  it('is one refinement that composes with trim, min and max', () => {
    const schema = storableString().trim().min(1).max(5);
    expect(schema.parse('  ab  ')).toBe('ab');
    expect(schema.safeParse('a\u0000').success).toBe(false);
    expect(schema.safeParse('abcdefg').success).toBe(false);
    expect(messageTextSchema.safeParse('hi\u0000').success).toBe(false);
    expect(messageTextSchema.parse('  hi 😀 ')).toBe('hi 😀');
  });

  it('guards message texts, names, attributes, knowledge and definition sources with paths', () => {
    expect(pathsOf(widgetSendSchema.safeParse({ clientId: 'abcdefgh', text: 'a\u0000' }))).toEqual(['text']);
    expect(
      pathsOf(
        agentSendSchema.safeParse({
          conversationId: crypto.randomUUID(),
          clientId: 'abcdefgh',
          text: '\uD800',
        }),
      ),
    ).toEqual(['text']);
    expect(pathsOf(widgetSessionBodySchema.safeParse({ workspace: 'demo', name: 'a\u0000' }))).toEqual([
      'name',
    ]);
    expect(
      pathsOf(widgetSessionBodySchema.safeParse({ workspace: 'demo', attributes: { vip: '\uD800' } })),
    ).toEqual(['attributes.vip']);
    expect(
      widgetSessionBodySchema.safeParse({ workspace: 'demo', attributes: { vip: 3, ok: true } }).success,
    ).toBe(true);
    const entry = {
      id: 'x',
      category: 'c',
      questions: { zh: [], en: ['q'] },
      answer: { zh: 'a', en: 'a' },
      related: ['r\u0000'],
    };
    expect(pathsOf(knowledgeEntrySchema.safeParse(entry))).toEqual(['related.0']);
    expect(pathsOf(definitionBodySchema.safeParse({ format: 'yaml', source: 'a: 1\u0000' }))).toEqual([
      'source',
    ]);
  });

  it('bounds definition versions to PostgreSQL integers', () => {
    expect(activateBodySchema.safeParse({ version: 2_147_483_647 }).success).toBe(true);
    expect(activateBodySchema.safeParse({ version: null }).success).toBe(true);
    for (const version of [2_147_483_648, 2 ** 53, 0, -1, 1.5, '3']) {
      const paths = pathsOf(activateBodySchema.safeParse({ version }));
      expect(paths.length).toBeGreaterThan(0);
      expect(new Set(paths)).toEqual(new Set(['version']));
    }
  });
});
