import { PlusOutlined } from '@ant-design/icons';
import {
  type CannedReplyBody,
  type CannedReplyView,
  type Me,
  replyVariableNames,
  type TeamView,
} from '@tandem/protocol';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canAdminister } from '../admin/access.ts';
import { errorCodeOf } from '../api.ts';
import { workspaceApi } from '../apiWorkspace.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { showSaveError } from './formErrors.ts';

interface Props {
  me: Me;
  teams: TeamView[] | null;
  onSessionLost: () => void;
}

type Editing = { mode: 'create' } | { mode: 'edit'; reply: CannedReplyView } | null;
type Load =
  | { state: 'loading' }
  | { state: 'ready'; replies: CannedReplyView[] }
  | { state: 'error'; code: string };

interface Values {
  scope: CannedReplyBody['scope'];
  teamId?: string | null;
  shortcut: string;
  title: string;
  body: string;
  lang: 'zh' | 'en' | 'any';
}

/** Canned replies: everyone keeps personal ones; admins and supervisors keep the team and workspace ones. */
export function CannedRepliesSettings({ me, teams, onSessionLost }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const manager = canAdminister(me.role);

  const reload = useCallback(() => {
    workspaceApi.cannedReplies('editable').then(
      (replies) => setLoad({ state: 'ready', replies }),
      (error: unknown) => {
        const code = errorCodeOf(error);
        if (code === 'unauthenticated') onSessionLost();
        setLoad({ state: 'error', code });
      },
    );
  }, [onSessionLost]);
  useEffect(reload, [reload]);

  const open = (next: Editing) => {
    setProblem(null);
    setEditing(next);
    form.resetFields();
    if (next?.mode === 'edit')
      form.setFieldsValue({
        scope: next.reply.scope,
        teamId: next.reply.team?.id ?? null,
        shortcut: next.reply.shortcut,
        title: next.reply.title,
        body: next.reply.body,
        lang: next.reply.lang ?? 'any',
      });
    else form.setFieldsValue({ scope: 'personal', lang: 'any' });
  };

  const save = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    const body: CannedReplyBody = {
      scope: values.scope,
      teamId: values.scope === 'team' ? (values.teamId ?? null) : null,
      shortcut: values.shortcut,
      title: values.title,
      body: values.body,
      lang: values.lang === 'any' ? null : values.lang,
    };
    try {
      if (editing?.mode === 'edit') await workspaceApi.updateCannedReply(editing.reply.id, body);
      else await workspaceApi.createCannedReply(body);
      message.success(t('settings.saved'));
      setEditing(null);
      reload();
    } catch (error) {
      setProblem(showSaveError(form, error, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (reply: CannedReplyView) => {
    try {
      await workspaceApi.removeCannedReply(reply.id);
      message.success(t('settings.removed'));
      reload();
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as MessageKey));
    }
  };

  const scope = Form.useWatch('scope', form);
  return (
    <section className="settings-section" aria-labelledby="canned-title">
      <div className="section-head">
        <div>
          <Typography.Title level={4} id="canned-title">
            {t('settings.canned')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('canned.settingsHint')}</Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })}>
          {t('canned.new')}
        </Button>
      </div>
      {load.state === 'error' && (
        <Alert
          type="error"
          showIcon
          message={t(`error.${load.code}` as MessageKey)}
          action={
            <Button size="small" onClick={reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<CannedReplyView>
        size="small"
        rowKey="id"
        loading={load.state === 'loading'}
        dataSource={load.state === 'ready' ? load.replies : []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('canned.empty') }}
        columns={[
          {
            title: t('canned.shortcut'),
            dataIndex: 'shortcut',
            width: 140,
            render: (shortcut: string) => <code>/{shortcut}</code>,
          },
          { title: t('canned.titleField'), dataIndex: 'title', width: 180, ellipsis: true },
          { title: t('canned.body'), dataIndex: 'body', ellipsis: true },
          {
            title: t('canned.scope'),
            key: 'scope',
            width: 120,
            render: (_: unknown, reply) => (
              <Tag bordered={false}>
                {reply.scope === 'team' && reply.team ? reply.team.name : t(`canned.scope.${reply.scope}`)}
              </Tag>
            ),
          },
          {
            title: t('canned.lang'),
            dataIndex: 'lang',
            width: 90,
            render: (lang: 'zh' | 'en' | null) => (lang ? t(`lang.${lang}`) : t('canned.anyLang')),
          },
          {
            title: t('wall.col.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, reply) =>
              reply.editable ? (
                <Space size={4}>
                  <Button size="small" onClick={() => open({ mode: 'edit', reply })}>
                    {t('settings.edit')}
                  </Button>
                  <Popconfirm
                    title={t('canned.removeConfirm', { shortcut: reply.shortcut })}
                    okText={t('settings.remove')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void remove(reply)}
                  >
                    <Button size="small" danger>
                      {t('settings.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        title={t(editing?.mode === 'edit' ? 'canned.edit' : 'canned.new')}
        width={520}
        onClose={() => setEditing(null)}
        destroyOnHidden={false}
        extra={
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('settings.save')}
          </Button>
        }
      >
        {problem && <Alert type="error" showIcon message={problem} className="form-alert" />}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item name="scope" label={t('canned.scope')}>
            <Radio.Group>
              <Radio value="personal">{t('canned.scope.personal')}</Radio>
              <Radio value="team" disabled={!manager}>
                {t('canned.scope.team')}
              </Radio>
              <Radio value="workspace" disabled={!manager}>
                {t('canned.scope.workspace')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {scope === 'team' && (
            <Form.Item
              name="teamId"
              label={t('canned.team')}
              rules={[{ required: true, message: t('canned.teamRequired') }]}
            >
              <Select options={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))} />
            </Form.Item>
          )}
          <Form.Item
            name="shortcut"
            label={t('canned.shortcut')}
            extra={t('canned.shortcutHint')}
            rules={[
              { required: true, message: t('canned.shortcutRequired') },
              { pattern: /^[\p{L}\p{N}_-]{1,32}$/u, message: t('canned.shortcutPattern') },
            ]}
          >
            <Input prefix="/" maxLength={32} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('canned.titleField')}
            rules={[{ required: true, whitespace: true, message: t('canned.titleRequired') }]}
          >
            <Input maxLength={80} showCount />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('canned.body')}
            extra={
              <span className="variable-hint">
                {t('canned.variables')}{' '}
                {replyVariableNames.map((name) => (
                  <Button
                    key={name}
                    size="small"
                    type="dashed"
                    onClick={() => form.setFieldValue('body', `${form.getFieldValue('body') ?? ''}{${name}}`)}
                  >
                    {`{${name}}`}
                  </Button>
                ))}
              </span>
            }
            rules={[{ required: true, whitespace: true, message: t('canned.bodyRequired') }]}
          >
            <Input.TextArea rows={5} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="lang" label={t('canned.lang')}>
            <Select
              options={[
                { value: 'any', label: t('canned.anyLang') },
                { value: 'zh', label: t('lang.zh') },
                { value: 'en', label: t('lang.en') },
              ]}
            />
          </Form.Item>
        </Form>
      </Drawer>
    </section>
  );
}
