import type { DefinitionKind } from '@tandem/protocol';
import { createContext } from 'react';

/** The bot page's model tabs, beside the definition kinds (rules, flows, settings). */
export const modelTabs = ['intents', 'vocabulary', 'report'] as const;
export type ModelTab = (typeof modelTabs)[number];
export type BotTab = DefinitionKind | ModelTab;

export const isModelTab = (tab: BotTab): tab is ModelTab => (modelTabs as readonly string[]).includes(tab);

/** Whether the model tabs are shown (admins only: the server refuses them to everyone else). */
export const ModelTabsShown = createContext(false);

/** What the Intents tab opens: one intent, or the two of a confusion pair with its misclassified examples. */
export interface IntentFocus {
  ids: string[];
  /** examples to point out (those the report found predicted as the other intent) */
  highlight: string[];
}
