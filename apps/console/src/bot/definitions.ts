import type { DefinitionKind } from '@tandem/protocol';
import type { DefinitionFormat, DefinitionVersion } from '../api.ts';

/** The bot page's logic: kinds, templates for new documents, and the definitions switched off. */

export const kinds: readonly DefinitionKind[] = ['rules', 'flow', 'settings'];

/** The one key the rules and the settings are stored under; flows are keyed by their `id`. */
export const singleKey: Partial<Record<DefinitionKind, string>> = { rules: 'rules', settings: 'settings' };

/** A flow id that is not taken yet: new_flow, new_flow_2, … */
export function newFlowId(taken: readonly string[]): string {
  if (!taken.includes('new_flow')) return 'new_flow';
  let n = 2;
  while (taken.includes(`new_flow_${n}`)) n += 1;
  return `new_flow_${n}`;
}

/** A small valid document to start from; the flow answers one question and ends. */
export function templateOf(
  kind: DefinitionKind,
  taken: readonly string[] = [],
): {
  format: DefinitionFormat;
  source: string;
} {
  if (kind === 'flow') {
    return {
      format: 'yaml',
      source: `id: ${newFlowId(taken)}
name: { zh: 新流程, en: New flow }
trigger:
  examples:
    zh: [请改成客户会说的话]
    en: [replace with what customers say]
start: answer
nodes:
  answer:
    type: end
    text:
      zh: 请改成机器人的回答。
      en: Replace with the bot's answer.
`,
    };
  }
  if (kind === 'rules') {
    return {
      format: 'yaml',
      source: `rules:
  - id: example
    name: 示例规则 / Example rule
    enabled: false
    priority: 50
    when:
      any:
        - keywords: [示例关键词, example keyword]
        # by meaning: messages that say what one of these sentences says, in other words too
        - examples:
            - 客服让我把验证码发给他
            - someone from support asked me for my verification code
          unlike: [收不到验证码]
          minSimilarity: 0.5
    then:
      - tag: example
`,
    };
  }
  return {
    format: 'json',
    source: `{
  "fallback": { "maxMisses": 2, "clarify": true },
  "emotion": { "empathy": true, "escalate": true, "handOverWhenUrgent": true },
  "humanFirst": { "enabled": false, "attributes": {}, "honourPreference": true },
  "greeting": { "zh": "您好！", "en": "Hello!" }
}
`,
  };
}

/** A row of the list: the running version, or none when the definition is switched off. */
export interface DefinitionItem {
  key: string;
  active: DefinitionVersion | null;
}

/** Running definitions first (by key), then the switched-off ones (the server lists their newest version). */
export function itemsOf(definitions: readonly DefinitionVersion[]): DefinitionItem[] {
  const byKey = (a: DefinitionVersion, b: DefinitionVersion) => a.key.localeCompare(b.key);
  const on = definitions.filter((d) => d.active).sort(byKey);
  const onKeys = new Set(on.map((d) => d.key));
  const off = definitions.filter((d) => !d.active && !onKeys.has(d.key)).sort(byKey);
  return [...on.map((d) => ({ key: d.key, active: d })), ...off.map((d) => ({ key: d.key, active: null }))];
}

/** "v3 · yaml"-like facts about a version, and whether the editor differs from what was loaded. */
export function isEdited(source: string, loaded: string): boolean {
  return source.replace(/\s+$/, '') !== loaded.replace(/\s+$/, '');
}
