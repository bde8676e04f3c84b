import { useCallback, useMemo, useRef, useState } from 'react';
import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import { Notice } from '../admin/Notice.tsx';
import type { KnowledgeEntry } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey, Vars } from '../i18n.ts';
import { categoriesOf } from './form.ts';
import { KnowledgeEditor } from './KnowledgeEditor.tsx';
import { KnowledgeList } from './KnowledgeList.tsx';
import { useKnowledge } from './useKnowledge.ts';

/** What is open: an entry by id, a new entry (with the category to start from), or nothing. */
type Open = { kind: 'entry'; id: string } | { kind: 'new'; category: string } | null;
/** kept as a key, so it follows a change of language */
type PageNotice = { tone: 'info' | 'error'; key: MessageKey; vars?: Vars } | null;

/** The FAQ knowledge base: list on the left, the open entry on the right (one at a time on a phone). */
export function KnowledgePage({ onSessionLost }: { onSessionLost: () => void }) {
  const { t } = useI18n();
  const knowledge = useKnowledge(onSessionLost);
  const [open, setOpen] = useState<Open>(null);
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
    const saved = await knowledge.save(body);
    setNotice({ tone: 'info', key: 'knowledge.saved' });
    show({ kind: 'entry', id: saved.id });
    return saved;
  };
  const remove = async (id: string) => {
    await knowledge.remove(id);
    setNotice({ tone: 'info', key: 'knowledge.deleted', vars: { id } });
    show(null);
  };

  const editing = open?.kind === 'new' || entry !== undefined;
  return (
    <div className={`admin-page${editing ? ' has-open' : ''}`}>
      {notice && (
        <Notice tone={notice.tone} text={t(notice.key, notice.vars)} onDismiss={() => setNotice(null)} />
      )}
      {pending !== undefined && (
        <ConfirmBar
          message={t('admin.discard.title')}
          confirmLabel={t('admin.discard.yes')}
          onConfirm={() => show(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
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
            <p className="muted">{t('knowledge.choose')}</p>
          </main>
        )}
      </div>
    </div>
  );
}
