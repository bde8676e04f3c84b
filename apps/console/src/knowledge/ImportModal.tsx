import { InboxOutlined } from '@ant-design/icons';
import type { ImportRow, KnowledgeImportPreview } from '@tandem/protocol';
import { Alert, Checkbox, Modal, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { BotStatus } from '../api.ts';
import { errorCodeOf } from '../api.ts';
import { knowledgeApi } from '../apiKnowledge.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  /** the import was saved: the bot is learning it */
  onCommitted: (bot: BotStatus) => void;
}

const actionColour = { create: 'green', update: 'blue', unchanged: 'default' } as const;

/**
 * Import a knowledge file (CSV, XLSX or JSON): a preview first, row by row with every error named by the
 * row number the user sees in the file; nothing is saved until the import is confirmed, and then all at once.
 */
export function ImportModal({ open, onClose, onCommitted }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<KnowledgeImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setSkipInvalid(false);
    setProblem(null);
  };

  const choose = async (next: File) => {
    reset();
    setFile(next);
    setBusy(true);
    try {
      setPreview(await knowledgeApi.importPreview(next));
    } catch (error) {
      setProblem(t(`error.${errorCodeOf(error)}` as MessageKey));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await knowledgeApi.importCommit(file, preview.planId, skipInvalid);
      onCommitted(result.bot);
      reset();
      onClose();
    } catch (error) {
      const code = errorCodeOf(error);
      setProblem(t(code === 'conflict' ? 'import.changedMeanwhile' : (`error.${code}` as MessageKey)));
    } finally {
      setBusy(false);
    }
  };

  const invalid = preview?.summary.invalid ?? 0;
  const changes = preview ? preview.summary.create + preview.summary.update : 0;
  const canCommit = preview !== null && changes > 0 && (invalid === 0 || skipInvalid);
  return (
    <Modal
      open={open}
      width={900}
      title={t('import.title')}
      okText={t('import.commit', { n: changes })}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !canCommit }}
      confirmLoading={busy && preview !== null}
      onOk={() => void commit()}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,.json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(next) => {
          void choose(next);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.formats')}</p>
      </Upload.Dragger>
      {problem && (
        <Alert className="form-alert import-alert" type="error" showIcon message={problem} role="alert" />
      )}
      {preview && (
        <section className="import-preview" aria-label={t('import.preview')}>
          <Space size="large" wrap className="import-summary">
            <Statistic title={t('import.create')} value={preview.summary.create} />
            <Statistic title={t('import.update')} value={preview.summary.update} />
            <Statistic title={t('import.unchanged')} value={preview.summary.unchanged} />
            <Statistic
              title={t('import.invalid')}
              value={invalid}
              valueStyle={invalid > 0 ? { color: '#dc2626' } : undefined}
            />
          </Space>
          {invalid > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-alert"
              message={t('import.hasInvalid', { n: invalid })}
              action={
                <Checkbox checked={skipInvalid} onChange={(event) => setSkipInvalid(event.target.checked)}>
                  {t('import.skipInvalid')}
                </Checkbox>
              }
            />
          )}
          {preview.ignoredColumns.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('import.ignored', { columns: preview.ignoredColumns.join(', ') })}
            </Typography.Paragraph>
          )}
          <Table<ImportRow>
            size="small"
            rowKey="row"
            dataSource={preview.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 760, y: 360 }}
            rowClassName={(row) => (row.errors.length > 0 ? 'import-row-invalid' : '')}
            columns={[
              { title: t('import.col.row'), dataIndex: 'row', width: 70 },
              {
                title: t('import.col.id'),
                dataIndex: 'id',
                width: 160,
                render: (id: string | null) => <code>{id ?? '—'}</code>,
              },
              {
                title: t('import.col.action'),
                key: 'action',
                width: 100,
                render: (_: unknown, row) =>
                  row.errors.length > 0 ? (
                    <Tag color="error">{t('import.invalid')}</Tag>
                  ) : (
                    <Tag color={actionColour[row.action]}>{t(`import.${row.action}`)}</Tag>
                  ),
              },
              {
                title: t('import.col.detail'),
                key: 'detail',
                render: (_: unknown, row) =>
                  row.errors.length > 0 ? (
                    <ul className="import-errors">
                      {row.errors.map((error) => (
                        <li key={`${error.field}:${error.code}`}>
                          {t('import.rowError', {
                            row: row.row,
                            field: error.field,
                            problem: t(`import.error.${error.code}`),
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="import-question">
                      {row.entry?.questions.zh[0] ?? row.entry?.questions.en[0] ?? ''}
                      {row.changes.length > 0 && <span className="muted"> · {row.changes.join(', ')}</span>}
                    </span>
                  ),
              },
            ]}
          />
        </section>
      )}
    </Modal>
  );
}
