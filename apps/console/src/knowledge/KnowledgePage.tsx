import { botStatusSchema } from '@tandem/protocol';
import { Alert, Empty } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type BotStatus, errorCodeOf, type KnowledgeEntry } from '../api.ts';
import { knowledgeApi } from '../apiKnowledge.ts';
import { clearKnowledgeDraft, linkDraftTopic, peekKnowledgeDraft } from '../demand/knowledgeDraft.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey, Vars } from '../i18n.ts';
import type { AgentSocket } from '../socket.ts';
import { ConfirmAlert } from './ConfirmAlert.tsx';
import { categoriesOf } from './form.ts';
import { ImportModal } from './ImportModal.tsx';
import { KnowledgeEditor } from './KnowledgeEditor.tsx';
import { KnowledgeList } from './KnowledgeList.tsx';
import { KnowledgeToolbar } from './KnowledgeToolbar.tsx';
import { follow, type Learning, startLearning } from './learning.ts';
import { TryItDrawer } from './TryItDrawer.tsx';
import { useKnowledge } from './useKnowledge.ts';
import { VersionDrawer } from './VersionDrawer.tsx';

/** What is open: an entry by id, a new entry (with the category to start from), or nothing. */
type Open = { kind: 'entry'; id: string } | { kind: 'new'; category: string } | null;
/** kept as a key, so it follows a change of language */
type PageNotice = { tone: 'info' | 'error'; key: MessageKey; vars?: Vars } | null;

/**
 * The last change's way into the bot, kept live by `bot:status` events: "learning" after a save, then "live"
 * once the answering bot has it, or "failed" (the previous bot keeps answering). Events missed while the
 * connection was down are made up for by asking for the status once it is back.
 */
function useLearning(socket: AgentSocket | null) {
  const [learning, setLearning] = useState<Learning | null>(null);
  /** the newest status seen: it may overtake the answer to the save that it concerns */
  const latest = useRef<BotStatus | null>(null);
  const waiting = useRef(false);
  waiting.current = learning !== null && learning.phase !== 'live';

  useEffect(() => {
    if (!socket) return;
    const take = (status: BotStatus, fresh: boolean) => {
      latest.current = status;
      setLearning((current) => current && follow(current, status, fresh));
    };
    const onStatus = (payload: unknown) => {
      const parsed = botStatusSchema.safeParse(payload);
      if (parsed.success) take(parsed.data, false);
      else console.warn('ignored malformed bot:status', parsed.error.message);
    };
    const onConnect = () => {
      if (waiting.current)
        api.botStatus().then(
          (status) => take(status, true),
          () => undefined,
        );
    };
    socket.on('bot:status', onStatus);
    socket.on('connect', onConnect);
    return () => {
      socket.off('bot:status', onStatus);
      socket.off('connect', onConnect);
    };
  }, [socket]);

  const start = useCallback((change: Learning['change'], answer: BotStatus) => {
    setLearning(startLearning(change, answer, latest.current));
  }, []);
  return { learning, start, dismiss: () => setLearning(null) };
}

/** The notice for a change on its way into the bot. */
function learningNotice(learning: Learning, t: (key: MessageKey, vars?: Vars) => string) {
  const { change } = learning;
  const vars = change.kind === 'deleted' ? { id: change.id } : undefined;
  switch (learning.phase) {
    case 'learning':
      return {
        tone: 'progress' as const,
        text: change.kind === 'saved' ? t('knowledge.saved') : t('knowledge.deleted', vars),
      };
    case 'live':
      return {
        tone: 'info' as const,
        text: change.kind === 'saved' ? t('knowledge.live') : t('knowledge.liveDeleted', vars),
      };
    case 'failed': {
      const reason = learning.error ? ` ${t('knowledge.failedReason', { error: learning.error })}` : '';
      return { tone: 'error' as const, text: `${t('knowledge.failed')}${reason}` };
    }
  }
}

/** The FAQ knowledge base: list on the left, the open entry on the right (one at a time on a phone). */
export function KnowledgePage({
  socket,
  onSessionLost,
}: {
  socket: AgentSocket | null;
  onSessionLost: () => void;
}) {
  const { t } = useI18n();
  const knowledge = useKnowledge(onSessionLost);
  const bot = useLearning(socket);
  // a draft from demand mining opens in the editor first, for review; saving it marks its topic covered
  const [draft, setDraft] = useState(peekKnowledgeDraft);
  useEffect(clearKnowledgeDraft, []);
  const [open, setOpen] = useState<Open>(() =>
    draft
      ? draft.mode === 'merge'
        ? { kind: 'entry', id: draft.entry.id }
        : { kind: 'new', category: draft.entry.category }
      : null,
  );
  /** bumps to reopen the same entry from scratch (after a save) */
  const [generation, setGeneration] = useState(0);
  const [pending, setPending] = useState<Open | undefined>(undefined);
  const [notice, setNotice] = useState<PageNotice>(null);
  const dirty = useRef(false);
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const ids = useMemo(() => knowledge.entries.map((e) => e.id), [knowledge.entries]);
  const categories = useMemo(() => categoriesOf(knowledge.entries), [knowledge.entries]);
  const entry = open?.kind === 'entry' ? knowledge.entries.find((e) => e.id === open.id) : undefined;

  const show = (next: Open) => {
    setDraft(null);
    dirty.current = false;
    setPending(undefined);
    setOpen(next);
    setGeneration((g) => g + 1);
  };
  const request = (next: Open) => {
    if (dirty.current) setPending(next);
    else {
      setNotice(null);
      show(next);
    }
  };

  const save = async (body: KnowledgeEntry) => {
    const { entry: saved, bot: status } = await knowledge.save(body);
    if (draft) await linkDraftTopic(draft, saved.id);
    setNotice(null);
    bot.start({ kind: 'saved' }, status);
    show({ kind: 'entry', id: saved.id });
    return saved;
  };
  const remove = async (id: string) => {
    const { bot: status } = await knowledge.remove(id);
    setNotice(null);
    bot.start({ kind: 'deleted', id }, status);
    show(null);
  };
  const learning = bot.learning && learningNotice(bot.learning, t);
  const [trying, setTrying] = useState(false);
  const [importing, setImporting] = useState(false);
  const [history, setHistory] = useState<string | null>(null);

  /** A change made outside the editor (import, rollback, the switch): fresh entries, and the bot learning it. */
  const changedElsewhere = (status: BotStatus, reopen?: string) => {
    setNotice(null);
    bot.start({ kind: 'saved' }, status);
    void knowledge.reload().then(() => {
      if (reopen) show({ kind: 'entry', id: reopen });
    });
  };
  const setEnabled = async (id: string, enabled: boolean) => {
    try {
      const result = await knowledgeApi.setEnabled(id, enabled);
      changedElsewhere(result.bot, id);
    } catch (error) {
      setNotice({ tone: 'error', key: `error.${errorCodeOf(error)}` as MessageKey });
    }
  };

  const editing = open?.kind === 'new' || entry !== undefined;
  return (
    <div className={`admin-page${editing ? ' has-open' : ''}`}>
      {learning && <PageNotice tone={learning.tone} text={learning.text} onDismiss={bot.dismiss} />}
      {notice && (
        <PageNotice tone={notice.tone} text={t(notice.key, notice.vars)} onDismiss={() => setNotice(null)} />
      )}
      {pending !== undefined && (
        <ConfirmAlert
          message={t('admin.discard.title')}
          confirmLabel={t('admin.discard.yes')}
          onConfirm={() => show(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
      <KnowledgeToolbar
        entry={entry ? { id: entry.id, enabled: entry.enabled !== false } : null}
        onTry={() => setTrying(true)}
        onImport={() => setImporting(true)}
        onHistory={setHistory}
        onEnabled={(id, enabled) => void setEnabled(id, enabled)}
      />
      <TryItDrawer open={trying} onClose={() => setTrying(false)} />
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onCommitted={(status) => changedElsewhere(status)}
      />
      <VersionDrawer
        entryId={history}
        onClose={() => setHistory(null)}
        onRolledBack={(id, status) => changedElsewhere(status, id)}
      />
      <div className="admin-panes">
        <KnowledgeList
          entries={knowledge.entries}
          load={knowledge.load}
          selected={open?.kind === 'entry' ? open.id : null}
          onSelect={(id) => request({ kind: 'entry', id })}
          onNew={(category) => request({ kind: 'new', category })}
          onRetry={() => void knowledge.reload()}
        />
        {editing ? (
          <KnowledgeEditor
            key={`${open?.kind === 'entry' ? open.id : 'new'}#${generation}`}
            entry={entry ?? null}
            draft={draft?.entry}
            initialCategory={open?.kind === 'new' ? open.category : ''}
            ids={ids}
            categories={categories}
            onSave={save}
            onDelete={remove}
            onDirty={onDirty}
            onError={(key) => setNotice({ tone: 'error', key })}
            onBack={() => request(null)}
          />
        ) : (
          <main className="admin-empty">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.choose')} />
          </main>
        )}
      </div>
    </div>
  );
}

const noticeType = { info: 'success', progress: 'info', error: 'error' } as const;

/** A line above the page: what just happened (the bot learning a change, live), or what went wrong. */
function PageNotice({
  tone,
  text,
  onDismiss,
}: {
  tone: 'info' | 'progress' | 'error';
  text: string;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      banner
      className={`admin-notice is-${tone}`}
      type={noticeType[tone]}
      role={tone === 'error' ? 'alert' : 'status'}
      title={text}
      closable={{ onClose: onDismiss, 'aria-label': t('conversation.dismiss') }}
    />
  );
}
