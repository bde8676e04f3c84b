export { checkTurn, type Mismatch } from './check.ts';
export { loadWorkspace } from './loadWorkspace.ts';
export { findTranscripts, formatReport, runTranscripts, type TranscriptResult } from './run.ts';
export { type BotExpectation, type Transcript, transcriptSchema, workspaceFileSchema } from './schema.ts';
