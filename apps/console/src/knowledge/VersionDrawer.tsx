import type { KnowledgeDiff, KnowledgeVersion } from '@tandem/protocol';
import { Alert, Button, Drawer, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BotStatus } from '../api.ts';
import { errorCodeOf } from '../api.ts';
import { knowledgeApi } from '../apiKnowledge.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { DiffView } from './DiffView.tsx';

interface Props {
  entryId: string | null;
  onClose: () => void;
  /** a version was restored: the entry changed and the bot is learning it */
  onRolledBack: (entryId: string, bot: BotStatus) => void;
}

type Load =
  | { state: 'loading' }
  | { state: 'ready'; exists: boolean; versions: KnowledgeVersion[] }
  | { state: 'error'; code: string };

const changeColour = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  enable: 'cyan',
  disable: 'default',
  rollback: 'purple',
} as const;

/** An entry's versions, newest first: what changed in each (against the one before) and one-click rollback. */
export function VersionDrawer({ entryId, onClose, onRolledBack }: Props) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [diff, setDiff] = useState<{ version: number; diff: KnowledgeDiff | null } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (!entryId) return;
    setLoad({ state: 'loading' });
    knowledgeApi.versions(entryId).then(
      (result) => setLoad({ state: 'ready', ...result }),
      (error: unknown) => setLoad({ state: 'error', code: errorCodeOf(error) }),
    );
  }, [entryId]);

  useEffect(() => {
    setDiff(null);
    setProblem(null);
    reload();
  }, [reload]);

  const compare = async (version: number) => {
    if (!entryId) return;
    setDiff({ version, diff: null });
    try {
      setDiff({ version, diff: await knowledgeApi.diff(entryId, version, undefined) });
    } catch (error) {
      setDiff(null);
      setProblem(t(`error.${errorCodeOf(error)}` as MessageKey));
    }
  };

  const rollback = async (version: number) => {
    if (!entryId) return;
    setBusy(version);
    setProblem(null);
    try {
      const result = await knowledgeApi.rollback(entryId, version);
      onRolledBack(entryId, result.bot);
      reload();
    } catch (error) {
      setProblem(t(`error.${errorCodeOf(error)}` as MessageKey));
    } finally {
      setBusy(null);
    }
  };

  const latest = load.state === 'ready' ? load.versions[0]?.version : undefined;
  return (
    <Drawer
      open={entryId !== null}
      onClose={onClose}
      width={640}
      title={t('versions.title', { id: entryId ?? '' })}
    >
      {problem && <Alert className="form-alert" type="error" showIcon message={problem} role="alert" />}
      {load.state === 'loading' && <Spin />}
      {load.state === 'error' && (
        <Alert type="error" showIcon message={t(`error.${load.code}` as MessageKey)} />
      )}
      {load.state === 'ready' && (
        <>
          {!load.exists && (
            <Alert className="form-alert" type="info" showIcon message={t('versions.deleted')} />
          )}
          <List<KnowledgeVersion>
            className="version-list"
            dataSource={load.versions}
            renderItem={(version) => (
              <List.Item
                className="version-item"
                actions={[
                  <Button key="diff" size="small" onClick={() => void compare(version.version)}>
                    {t('versions.compare')}
                  </Button>,
                  version.version !== latest || !load.exists ? (
                    <Popconfirm
                      key="rollback"
                      title={t('versions.rollbackConfirm', { n: version.version })}
                      okText={t('versions.rollback')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void rollback(version.version)}
                    >
                      <Button size="small" type="primary" ghost loading={busy === version.version}>
                        {t('versions.rollback')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Tag key="current" color="green">
                      {t('versions.current')}
                    </Tag>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <strong>{t('versions.number', { n: version.version })}</strong>
                      <Tag color={changeColour[version.change]}>{t(`versions.change.${version.change}`)}</Tag>
                      {version.via === 'import' && <Tag>{t('versions.viaImport')}</Tag>}
                      {version.restoredFrom !== null && (
                        <span className="muted">
                          {t('versions.restoredFrom', { n: version.restoredFrom })}
                        </span>
                      )}
                    </Space>
                  }
                  description={`${version.by?.name ?? t('versions.system')} · ${new Date(version.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}`}
                />
                {diff?.version === version.version && (
                  <div className="version-diff">
                    {diff.diff ? <DiffView diff={diff.diff} /> : <Spin size="small" />}
                  </div>
                )}
              </List.Item>
            )}
          />
          <Typography.Paragraph type="secondary">{t('versions.hint')}</Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
