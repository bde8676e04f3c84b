import type { DefinitionKind, Role, Teammate } from '@tandem/protocol';
import { useCallback, useRef, useState } from 'react';
import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import { Notice } from '../admin/Notice.tsx';
import { api, type DefinitionFormat, type DefinitionVersion, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey, Vars } from '../i18n.ts';
import type { AgentSocket } from '../socket.ts';
import { DefinitionEditor, type EditorBase } from './DefinitionEditor.tsx';
import { DefinitionList } from './DefinitionList.tsx';
import { templateOf } from './definitions.ts';
import { IdentityPanel } from './IdentityPanel.tsx';
import { ModelView } from './model/ModelView.tsx';
import { type BotTab, type IntentFocus, isModelTab, type ModelTab, ModelTabsShown } from './model/tabs.ts';
import { useDefinitions } from './useDefinitions.ts';
import { useVersions } from './useVersions.ts';
import { VersionHistory } from './VersionHistory.tsx';

type Open = { key: string } | { template: EditorBase } | null;
/** kept as a key, so it follows a change of language */
type PageNotice = { tone: 'info' | 'error'; key: MessageKey; vars?: Vars } | null;

const baseOf = (v: DefinitionVersion): EditorBase => ({
  format: v.format,
  source: v.source,
  version: v.version,
});

interface Props {
  team: Teammate[];
  socket: AgentSocket | null;
  role: Role;
  onSessionLost: () => void;
}

/**
 * The bot's rules, flows and settings: pick one, edit it as stored, save, or roll back in its history. Admins
 * also have the model's tabs: intents and their examples, the vocabulary, the cross-validation report.
 */
export function BotPage({ team, socket, role, onSessionLost }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DefinitionKind>('rules');
  /** a model tab, when one is open instead of a kind of definition */
  const [model, setModel] = useState<ModelTab | null>(null);
  const [focus, setFocus] = useState<IntentFocus | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [viewed, setViewed] = useState<DefinitionVersion | null>(null);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<PageNotice>(null);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  const detail = useRef<HTMLElement>(null);
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const definitions = useDefinitions(kind, onSessionLost);
  const openKey = open && 'key' in open ? open.key : null;
  const history = useVersions(kind, openKey);
  const item = definitions.items.find((i) => i.key === openKey);
  const running = item?.active?.version ?? null;

  const latest = history.versions[0];
  const base: EditorBase | null =
    open && 'template' in open
      ? open.template
      : viewed
        ? baseOf(viewed)
        : item?.active
          ? baseOf(item.active)
          : latest && openKey !== null
            ? baseOf(latest)
            : null;

  const fresh = () => {
    dirty.current = false;
    setViewed(null);
    setGeneration((g) => g + 1);
  };
  const request = (action: () => void) => {
    if (dirty.current) setPending(() => action);
    else {
      setNotice(null);
      action();
    }
  };
  const fail = (error: unknown) => {
    const code = errorCodeOf(error);
    if (code === 'unauthenticated') onSessionLost();
    setNotice({ tone: 'error', key: `error.${code}` });
  };

  const save = async (format: DefinitionFormat, source: string) => {
    const saved = await api.saveDefinition(kind, format, source);
    const key = kind === 'rules' ? 'bot.saved.rules' : 'bot.saved.rebuild';
    setNotice({ tone: 'info', key, vars: { n: saved.version } });
    setOpen({ key: saved.key });
    await Promise.all([definitions.reload(), saved.key === openKey ? history.reload() : null]);
    fresh();
  };

  const activate = async (version: number | null) => {
    if (openKey === null) return;
    setBusy(true);
    try {
      await api.activateDefinition(kind, openKey, version);
      setNotice(
        version === null
          ? { tone: 'info', key: 'bot.turnedOff', vars: { key: openKey } }
          : { tone: 'info', key: 'bot.activated', vars: { n: version } },
      );
      await Promise.all([definitions.reload(), history.reload()]);
      fresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const onTab = (next: BotTab) =>
    request(() => {
      if (isModelTab(next)) setModel(next);
      else {
        setModel(null);
        setKind(next);
        setOpen(null);
        fresh();
      }
    });

  const taken = definitions.items.map((i) => i.key);
  const hasOpen = model === null ? open !== null : model === 'intents' && focus !== null;
  return (
    <ModelTabsShown.Provider value={role === 'admin'}>
      <div className={`admin-page${hasOpen ? ' has-open' : ''}`}>
        {notice && (
          <Notice tone={notice.tone} text={t(notice.key, notice.vars)} onDismiss={() => setNotice(null)} />
        )}
        {pending && (
          <ConfirmBar
            message={t('admin.discard.title')}
            confirmLabel={t('admin.discard.yes')}
            onConfirm={() => {
              dirty.current = false;
              setPending(null);
              pending();
            }}
            onCancel={() => setPending(null)}
          />
        )}
        <div className="admin-panes">
          {model !== null ? (
            <ModelView
              tab={model}
              socket={socket}
              focus={focus}
              onFocus={setFocus}
              onTab={onTab}
              onOpenIntents={(next) =>
                request(() => {
                  setModel('intents');
                  setFocus(next);
                })
              }
              request={request}
              onDirty={onDirty}
              onSessionLost={onSessionLost}
            />
          ) : (
            <>
              <DefinitionList
                kind={kind}
                items={definitions.items}
                load={definitions.load}
                selected={openKey}
                onKind={onTab}
                onSelect={(key) =>
                  request(() => {
                    setOpen({ key });
                    fresh();
                  })
                }
                onNew={() =>
                  request(() => {
                    setOpen({ template: { ...templateOf(kind, taken), version: null } });
                    fresh();
                  })
                }
                onRetry={() => void definitions.reload()}
              />
              {open ? (
                <main className="admin-detail" ref={detail}>
                  {base ? (
                    <DefinitionEditor
                      key={`${kind}:${openKey ?? 'new'}:${base.version ?? 'template'}:${generation}`}
                      kind={kind}
                      definitionKey={openKey}
                      base={base}
                      running={running}
                      onSave={save}
                      onDirty={onDirty}
                      onError={fail}
                      onBack={() => request(() => setOpen(null))}
                    />
                  ) : (
                    <p className="admin-empty muted">{t('bot.loading')}</p>
                  )}
                  {openKey !== null && (
                    <VersionHistory
                      definitionKey={openKey}
                      versions={history.versions}
                      load={history.load}
                      viewing={base?.version ?? null}
                      team={team}
                      busy={busy}
                      onView={(version) =>
                        request(() => {
                          fresh();
                          setViewed(version);
                          detail.current?.scrollTo({ top: 0 });
                        })
                      }
                      onActivate={(version) => request(() => void activate(version))}
                      onTurnOff={() => request(() => void activate(null))}
                    />
                  )}
                </main>
              ) : (
                <main className="admin-empty">
                  <p className="muted">{t('bot.choose')}</p>
                  {kind === 'settings' && <IdentityPanel onSessionLost={onSessionLost} />}
                </main>
              )}
            </>
          )}
        </div>
      </div>
    </ModelTabsShown.Provider>
  );
}
