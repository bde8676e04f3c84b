/**
 * Plays one conversation against the demo workspace with its business API running, printing each turn:
 * `npx tsx packages/engine/bench/faq/converse.ts [--lang en] 'msg1' 'msg2' ...`. Turns separated by `--`
 * start a new conversation.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConversationEngine } from '../../src/dialog/conversationEngine.ts';
import { createFetchHttp } from '../../src/dialog/flows/index.ts';
import { loadWorkspace } from '../../src/dialog/transcripts/loadWorkspace.ts';
import type { ConversationBotState } from '../../src/dialog/types.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const { brain, apiModule } = loadWorkspace(root('apps/server/src/demo/transcripts/workspace.yml'));
const api = apiModule
  ? await (
      (await import(pathToFileURL(apiModule).href)) as {
        start(): Promise<{ url: string; close(): Promise<void> }>;
      }
    ).start()
  : null;
const engine = createConversationEngine(brain, {
  http: createFetchHttp({ allowOrigins: api ? [new URL(api.url).origin] : [] }),
  ...(api ? { baseUrl: api.url } : {}),
});
const args = process.argv.slice(2);
let lang: 'zh' | 'en' | null = null;
let state: ConversationBotState | null = null;
for (let i = 0; i < args.length; i++) {
  const text = args[i] as string;
  if (text === '--lang') {
    lang = args[++i] as 'zh' | 'en';
    continue;
  }
  if (text === '--') {
    state = null;
    console.log('----');
    continue;
  }
  const out = await engine.turn(state, {
    text,
    attributes: { customerId: 'C1001' },
    now: new Date('2026-11-23T10:00:00+08:00'),
    lang,
  });
  state = out.state;
  const buttons = out.replies.flatMap((r) => r.buttons.map((b) => b.label));
  const said = out.replies.map((r) => r.text).join(' / ');
  console.log(
    `> ${text}\n  ${out.kind} ${out.intent ?? '-'} ${out.flow ? `${out.flow.id}:${out.flow.outcome}` : ''} ${out.handover ? `handover:${out.handover.reason}` : ''}\n  ${said}\n  [${buttons.join(' | ')}]`,
  );
}
await api?.close();
