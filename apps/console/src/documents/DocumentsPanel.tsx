import type { DocumentPassage, DocumentView } from '@tandem/protocol';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  List,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { llmApi } from './apiDocuments.ts';

const ACCEPT = '.md,.markdown,.txt,.html,.htm,.pdf,.docx';

/**
 * The documents the bot answers from: upload a file or fetch a page, replace (re-index), fetch again, delete;
 * and try a question to see which passages the bot would answer from.
 */
export function DocumentsPanel({ onSessionLost }: { onSessionLost: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [documents, setDocuments] = useState<DocumentView[] | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [found, setFound] = useState<{ mode: string; passages: DocumentPassage[] } | null>(null);

  const fail = useCallback(
    (error: unknown) => {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      message.error(t(`error.${code}` as MessageKey));
    },
    [message, onSessionLost, t],
  );
  const load = useCallback(() => {
    llmApi.documents().then((r) => setDocuments(r.documents), fail);
  }, [fail]);
  useEffect(load, [load]);

  const run = async (key: string, work: () => Promise<unknown>, done: MessageKey) => {
    setBusy(key);
    try {
      await work();
      message.success(t(done));
      load();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const search = async () => {
    if (!question.trim()) return;
    setBusy('search');
    try {
      setFound(await llmApi.search(question.trim()));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('docs.title')} size="small">
      <Typography.Paragraph type="secondary">{t('docs.hint')}</Typography.Paragraph>
      <Space wrap className="docs-add">
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void run('upload', () => llmApi.upload(file), 'docs.added');
            return false;
          }}
        >
          <Button type="primary" loading={busy === 'upload'}>
            {t('docs.upload')}
          </Button>
        </Upload>
        <Space.Compact>
          <Input
            aria-label={t('docs.url')}
            placeholder="https://example.com/help.html"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            style={{ minWidth: 220 }}
          />
          <Button
            loading={busy === 'fetch'}
            disabled={!url.trim()}
            onClick={() =>
              void run(
                'fetch',
                async () => {
                  await llmApi.fetchUrl(url.trim());
                  setUrl('');
                },
                'docs.added',
              )
            }
          >
            {t('docs.fetch')}
          </Button>
        </Space.Compact>
      </Space>
      <Table<DocumentView>
        className="docs-table"
        size="small"
        rowKey="id"
        loading={documents === null}
        dataSource={documents ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('docs.empty') }}
        columns={[
          {
            title: t('docs.col.title'),
            dataIndex: 'title',
            render: (title: string, d) =>
              d.url ? (
                <Space direction="vertical" size={0}>
                  <span>{title}</span>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                    {d.url}
                  </Typography.Text>
                </Space>
              ) : (
                title
              ),
          },
          { title: t('docs.col.format'), dataIndex: 'format', render: (f: string) => <Tag>{f}</Tag> },
          { title: t('docs.col.chunks'), dataIndex: 'chunkCount' },
          {
            title: t('docs.col.vectors'),
            dataIndex: 'embedded',
            render: (e: boolean) =>
              e ? <Tag color="blue">{t('docs.embedded')}</Tag> : <Tag>{t('docs.lexical')}</Tag>,
          },
          {
            title: t('docs.col.updated'),
            dataIndex: 'updatedAt',
            render: (at: string) => new Date(at).toLocaleString(lang),
          },
          {
            title: t('docs.col.actions'),
            key: 'actions',
            render: (_: unknown, d) => (
              <Space wrap>
                {d.source === 'url' ? (
                  <Button
                    size="small"
                    loading={busy === `refresh-${d.id}`}
                    onClick={() => void run(`refresh-${d.id}`, () => llmApi.refresh(d.id), 'docs.reindexed')}
                  >
                    {t('docs.refresh')}
                  </Button>
                ) : (
                  <Upload
                    accept={ACCEPT}
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void run(`replace-${d.id}`, () => llmApi.upload(file, d.id), 'docs.reindexed');
                      return false;
                    }}
                  >
                    <Button size="small" loading={busy === `replace-${d.id}`}>
                      {t('docs.replace')}
                    </Button>
                  </Upload>
                )}
                <Popconfirm
                  title={t('docs.confirmDelete', { title: d.title })}
                  okText={t('docs.delete')}
                  cancelText={t('docs.cancel')}
                  onConfirm={() => void run(`delete-${d.id}`, () => llmApi.remove(d.id), 'docs.deleted')}
                >
                  <Button size="small" danger>
                    {t('docs.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('docs.try')}</Typography.Title>
      <Input.Search
        aria-label={t('docs.try')}
        placeholder={t('docs.tryPlaceholder')}
        enterButton={t('docs.search')}
        loading={busy === 'search'}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        onSearch={() => void search()}
      />
      {found && (
        <List
          className="docs-passages"
          size="small"
          header={t(found.mode === 'hybrid' ? 'docs.modeHybrid' : 'docs.modeLexical')}
          locale={{ emptyText: <Alert type="info" message={t('docs.nothing')} /> }}
          dataSource={found.passages}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Typography.Text strong>
                  {p.title}
                  {p.heading ? ` › ${p.heading}` : ''}
                </Typography.Text>
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{p.text}</Typography.Paragraph>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
