/**
 * Plays short conversations against the demo workspace and prints what the bot does each turn:
 * `npx tsx packages/engine/bench/faq/probe.ts 'msg1' 'msg2' ...` (one conversation), or with `--each`
 * every message as the first turn of its own conversation.
 */
import { fileURLToPath } from 'node:url';
import { createConversationEngine } from '../../src/dialog/conversationEngine.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import type { ConversationBotState } from '../../src/dialog/types.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const { brain } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const engine = createConversationEngine(brain, {
  http: async () => {
    throw new Error('the probe does not call business systems');
  },
});
const args = process.argv.slice(2);
const each = args.includes('--each');
let state: ConversationBotState | null = null;
for (const text of args.filter((a) => a !== '--each')) {
  const out = await engine.turn(each ? null : state, { text, attributes: {}, now: new Date() });
  state = out.state;
  const buttons = out.replies.flatMap((r) => r.buttons.map((b) => b.label));
  const said = out.replies.map((r) => r.text).join(' / ');
  console.log(
    `${JSON.stringify(text).slice(0, 60)}\t${out.kind}\t${out.intent ?? '-'}\t${said.slice(0, 160)}\t[${buttons.join(' | ')}]`,
  );
}
