import type { Readable } from 'node:stream';
import type { User } from '@tandem/domain';
import { maskSensitive } from '@tandem/engine';
import type { AnalyticsFigures, AnalyticsQuery, AnalyticsTable } from '@tandem/protocol';
import { analyticsExportRepository, type Db } from '@tandem/storage';
import { analyticsOverview, analyticsPeople } from './dashboard.ts';
import { toFilter } from './filter.ts';
import { type Cell, streamSheet } from './sheet.ts';

/** Conversations read per page when exporting (with their transcripts). */
const PAGE = 200;

const FIGURE_COLUMNS: Array<keyof AnalyticsFigures> = [
  'conversations',
  'ended',
  'handedOver',
  'handedOverRate',
  'agentTransfers',
  'botResolved',
  'botUnresolved',
  'botPending',
  'botResolutionRate',
  'firstResponseSeconds',
  'waitSeconds',
  'handleSeconds',
  'csatAverage',
  'csatCount',
  'slaMetRate',
  'outOfScopeRate',
];
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const figureCells = (f: AnalyticsFigures): Cell[] => FIGURE_COLUMNS.map((c) => round(f[c] as number | null));

/** One of the dashboard's tables as a file (CSV or XLSX), streamed. */
export async function exportTable(
  db: Db,
  user: User,
  query: AnalyticsQuery & { format: 'csv' | 'xlsx'; table: AnalyticsTable },
  onError: (error: unknown) => void,
): Promise<Readable> {
  const rows: Cell[][] = [];
  let header: string[];
  if (query.table === 'agents' || query.table === 'teams') {
    const people = await analyticsPeople(db, user, query);
    header = ['id', 'name', ...FIGURE_COLUMNS];
    for (const r of people[query.table]) rows.push([r.key, r.name, ...figureCells(r)]);
  } else {
    const overview = await analyticsOverview(db, user, query);
    if (query.table === 'series') {
      header = ['bucket', ...FIGURE_COLUMNS, 'csat1', 'csat2', 'csat3', 'csat4', 'csat5'];
      for (const r of overview.series) rows.push([r.bucket, ...figureCells(r), ...r.csat]);
    } else if (query.table === 'heatmap') {
      header = ['weekday', 'hour', 'conversations'];
      for (const r of overview.heatmap) rows.push([r.weekday, r.hour, r.conversations]);
    } else {
      header = [
        query.table === 'intents' ? 'intent' : query.table === 'reasons' ? 'reason' : 'emotion',
        'conversations',
      ];
      for (const r of overview[query.table]) rows.push([r.key, r.conversations]);
    }
  }
  return streamSheet(
    query.format,
    header,
    query.table,
    async (writer) => {
      for (const row of rows) await writer.row(row);
    },
    onError,
  );
}

const CONVERSATION_HEADER = [
  'conversation',
  'started',
  'ended',
  'channel',
  'language',
  'team',
  'agent',
  'intent',
  'handoffReason',
  'emotion',
  'handedOver',
  'agentTransfers',
  'firstResponseSeconds',
  'waitSeconds',
  'handleSeconds',
  'csat',
  'slaMet',
  'botReplies',
  'outOfScopeReplies',
  'botOutcome',
];

/**
 * Conversations with their figures and (optionally) transcripts, a page at a time while the client reads:
 * a file of millions of rows never sits in memory. Phone numbers, e-mail addresses, ID and bank card numbers
 * in transcripts are masked.
 */
export function exportConversations(
  db: Db,
  user: User,
  query: AnalyticsQuery & { format: 'csv' | 'xlsx'; transcripts: 'true' | 'false' },
  onError: (error: unknown) => void,
): Readable {
  const filter = toFilter(user, query);
  const repo = analyticsExportRepository(db);
  const withTranscripts = query.transcripts === 'true';
  const header = withTranscripts ? [...CONVERSATION_HEADER, 'transcript'] : CONVERSATION_HEADER;
  return streamSheet(
    query.format,
    header,
    'conversations',
    async (writer) => {
      const { users, teams } = await repo.names(user.workspaceId);
      let after: { startedAt: Date; id: string } | null = null;
      for (;;) {
        const page = await repo.factsPage(filter, after, PAGE);
        if (page.length === 0) break;
        const lines = withTranscripts
          ? await repo.transcripts(
              user.workspaceId,
              page.map((f) => f.conversationId),
            )
          : [];
        const transcripts = new Map<string, string[]>();
        for (const line of lines) {
          const text = line.notice ? `[${line.notice}]` : maskSensitive(line.text);
          const list = transcripts.get(line.conversationId) ?? [];
          list.push(`${line.at.toISOString()} ${line.authorKind}: ${text}`);
          transcripts.set(line.conversationId, list);
        }
        for (const f of page) {
          const row: Cell[] = [
            f.conversationId,
            f.startedAt.toISOString(),
            f.endedAt?.toISOString() ?? null,
            f.channel,
            f.lang,
            f.teamId ? (teams.get(f.teamId) ?? f.teamId) : null,
            f.agentId ? (users.get(f.agentId) ?? f.agentId) : null,
            f.intent || null,
            f.reason || null,
            f.emotion || null,
            f.queued,
            f.transfers,
            f.frtS,
            f.waitS,
            f.handleS,
            f.csat,
            f.slaMet,
            f.botReplies,
            f.oosReplies,
            f.botOutcome || null,
          ];
          if (withTranscripts) row.push((transcripts.get(f.conversationId) ?? []).join('\n'));
          // a full file (Excel's row limit) takes no more: stop reading pages for it
          if (!(await writer.row(row))) return;
        }
        const last = page.at(-1) as { startedAt: Date; conversationId: string };
        after = { startedAt: last.startedAt, id: last.conversationId };
        if (page.length < PAGE) break;
      }
    },
    onError,
  );
}
