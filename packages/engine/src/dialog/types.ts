import type {
  HandoffReason as BotHandoffReason,
  BotState,
  KnowledgeEntry,
  Lang,
  QuickReply,
} from '../bot/types.ts';
import type { EmotionPoint, EmotionResult } from '../emotion/index.ts';
import type { SemanticQuery } from '../nlu/semanticIndex.ts';
import type { RuleDefinition } from '../rules/index.ts';
import type { FlowContext, FlowDefinition, FlowState } from './flows/index.ts';
import type { BotSettings } from './settings.ts';

/** Everything that makes up a workspace's bot: knowledge, flows, rules, policy. */
export interface WorkspaceBrain {
  knowledge: KnowledgeEntry[];
  flows: FlowDefinition[];
  rules: RuleDefinition[];
  settings: BotSettings;
}

/** Why the conversation engine hands over to people. */
export type EngineHandoffReason = BotHandoffReason | 'keyword' | 'rule' | 'emotion' | 'flow' | 'human_first';

export interface Handover {
  reason: EngineHandoffReason;
  tier: 'agent' | 'expert';
  team?: string;
  /** the rule, flow step or emotion behind it, for agents */
  detail?: string;
  /** queue priority: 0 normal, 50 high, 100 urgent */
  priority: number;
}

/**
 * What the bot's last reply asked, so a bare 「嗯」, "ok" or "no" is read as its answer: `open` "how can I
 * help?", `more` "anything else?", `choice` a did-you-mean list, `person` "shall I get you a person?",
 * `resume` "shall we carry on with the task we left?".
 */
export type Asked = 'open' | 'more' | 'choice' | 'person' | 'resume';

/** What the engine remembers of a conversation between turns (plain JSON; the server persists it). */
export interface ConversationBotState {
  bot: BotState;
  flow: FlowState | null;
  emotions: EmotionPoint[];
  empathyUsed: string[];
  greeted: boolean;
  /** what the last reply asked, and the queue priority a person it offered would come with (absent in older states) */
  asked?: { what: Asked; priority: number } | null;
  /** a task (flow) left waiting while the customer did another; offered again when that one ends */
  suspended?: FlowState | null;
}

export interface TurnInput {
  text: string;
  /** customer attributes from the embedding page and remembered preferences */
  attributes: Record<string, string | number | boolean>;
  now: Date;
  /** the language the customer chose in the widget, when known */
  lang?: Lang | null;
  /** the message's emotion when the caller has already read it (it is read once per message) */
  emotion?: EmotionResult;
  /**
   * the message's embedding against the workspace's embedded phrasings (`SemanticIndex.query`), when its
   * provider gives embeddings: extra evidence for intent and FAQ matching and out-of-scope detection
   */
  semantic?: SemanticQuery;
}

export interface TurnReply {
  text: string;
  buttons: QuickReply[];
}

export interface TurnOutput {
  lang: Lang;
  replies: TurnReply[];
  handover: Handover | null;
  /** what the turn was about: a knowledge entry id, `flow:<id>`, or null when not understood */
  intent: string | null;
  confidence: number;
  /** the bot's decision kind for this turn */
  kind: 'answer' | 'clarify' | 'unknown' | 'flow' | 'rule' | 'blocked' | 'handoff' | 'greeting';
  emotion: EmotionResult;
  /** queue priority the conversation should have from now on (raised by emotion or rules) */
  priority: number;
  tags: string[];
  flow: { id: string; outcome: string; vars: Record<string, unknown> } | null;
  state: ConversationBotState;
}

export interface EnginePorts {
  http: FlowContext['http'];
  /** origin that relative URLs of flow HTTP actions resolve against */
  baseUrl?: string;
}
