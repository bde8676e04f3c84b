import type { DefinitionKind } from '@tandem/protocol';
import type { DefinitionFormat } from '../api.ts';

export interface EditorBase {
  format: DefinitionFormat;
  source: string;
  /** the version the text comes from; null for a template */
  version: number | null;
}

/** What a definition editor (text or the flow form) is given. */
export interface DefinitionEditorProps {
  kind: DefinitionKind;
  /** the definition's key, or null for a new document */
  definitionKey: string | null;
  base: EditorBase;
  /** the version that runs now, or null (new, or switched off) */
  running: number | null;
  onSave: (format: DefinitionFormat, source: string) => Promise<void>;
  onDirty: (dirty: boolean) => void;
  onError: (error: unknown) => void;
  onBack: () => void;
}
