import { UserAddOutlined } from '@ant-design/icons';
import type { Me, Person, PersonInviteBody, PersonUpdateBody, Role, TeamView } from '@tandem/protocol';
import {
  Alert,
  App,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { isAdmin } from '../admin/access.ts';
import { errorCodeOf } from '../api.ts';
import { adminApi } from '../apiAdmin.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { showSaveError } from './formErrors.ts';

interface Props {
  me: Me;
  teams: TeamView[] | null;
  onChanged: () => void;
  onSessionLost: () => void;
}

type Load = { state: 'loading' } | { state: 'ready'; people: Person[] } | { state: 'error'; code: string };
type Editing = { mode: 'invite' } | { mode: 'edit'; person: Person } | null;
/** A password an admin set: shown once, here, for them to hand over. */
type Secret = { name: string; password: string; emailed: boolean } | null;

interface Values {
  name: string;
  email?: string;
  role: Role;
  teamIds: string[];
  maxConcurrent: number;
  skills?: string[];
  languages?: ('zh' | 'en')[];
  disabled?: boolean;
  locale?: 'zh' | 'en';
}

const roles: Role[] = ['agent', 'expert', 'supervisor', 'admin'];
const presenceStatus = { online: 'success', away: 'warning', offline: 'default' } as const;

/** People and roles: invite, change role and teams, disable, reset a password (admins; supervisors read). */
export function PeopleSettings({ me, teams, onChanged, onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<Secret>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const admin = isAdmin(me.role);
  const teamNames = new Map((teams ?? []).map((team) => [team.id, team.name]));

  const reload = useCallback(() => {
    adminApi.people().then(
      (people) => setLoad({ state: 'ready', people }),
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
    form.resetFields();
    if (next?.mode === 'edit') {
      const { person } = next;
      form.setFieldsValue({
        name: person.name,
        role: person.role,
        teamIds: person.teams,
        maxConcurrent: person.maxConcurrent,
        skills: person.skills,
        languages: person.languages,
        disabled: person.disabled,
      });
    } else form.setFieldsValue({ role: 'agent', teamIds: [], maxConcurrent: 5, locale: lang });
    setEditing(next);
  };

  const save = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      if (editing?.mode === 'edit') {
        const body: PersonUpdateBody = {
          name: values.name,
          role: values.role,
          teamIds: values.teamIds,
          maxConcurrent: values.maxConcurrent,
          skills: values.skills ?? [],
          languages: values.languages?.length ? values.languages : ['zh'],
          disabled: values.disabled ?? false,
        };
        await adminApi.updatePerson(editing.person.id, body);
        message.success(t('settings.saved'));
      } else {
        const body: PersonInviteBody = {
          name: values.name,
          email: values.email ?? '',
          role: values.role,
          teamIds: values.teamIds,
          maxConcurrent: values.maxConcurrent,
          locale: values.locale ?? lang,
        };
        const invited = await adminApi.invite(body);
        setSecret({
          name: invited.person.name,
          password: invited.temporaryPassword,
          emailed: invited.invitationEmail === 'sending',
        });
      }
      setEditing(null);
      reload();
      onChanged();
    } catch (error) {
      setProblem(showSaveError(form, error, t));
    } finally {
      setSaving(false);
    }
  };

  const reset = async (person: Person) => {
    try {
      const result = await adminApi.resetPassword(person.id);
      setSecret({ name: person.name, password: result.temporaryPassword, emailed: false });
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as MessageKey));
    }
  };

  return (
    <section className="settings-section" aria-labelledby="people-title">
      <div className="section-head">
        <div>
          <Typography.Title level={4} id="people-title">
            {t('settings.people')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t(admin ? 'people.hint' : 'people.readOnly')}
          </Typography.Paragraph>
        </div>
        {admin && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => open({ mode: 'invite' })}>
            {t('people.invite')}
          </Button>
        )}
      </div>
      {load.state === 'error' && (
        <Alert type="error" showIcon message={t(`error.${load.code}` as MessageKey)} />
      )}
      <Table<Person>
        size="small"
        rowKey="id"
        loading={load.state === 'loading'}
        dataSource={load.state === 'ready' ? load.people : []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('people.name'),
            dataIndex: 'name',
            ellipsis: true,
            render: (name: string, person) => (
              <Space size={4}>
                <span>{name}</span>
                {person.id === me.id && <Tag bordered={false}>{t('people.you')}</Tag>}
              </Space>
            ),
          },
          { title: t('people.email'), dataIndex: 'email', ellipsis: true },
          {
            title: t('people.role'),
            dataIndex: 'role',
            width: 100,
            render: (role: Role) => t(`role.${role}`),
          },
          {
            title: t('people.status'),
            key: 'status',
            width: 110,
            render: (_: unknown, person) =>
              person.disabled ? (
                <Tag color="default">{t('people.disabled')}</Tag>
              ) : (
                <Badge status={presenceStatus[person.presence]} text={t(`presence.${person.presence}`)} />
              ),
          },
          {
            title: t('people.teams'),
            dataIndex: 'teams',
            render: (ids: string[]) => (
              <Space size={2} wrap>
                {ids.map((id) => (
                  <Tag key={id} bordered={false}>
                    {teamNames.get(id) ?? ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('people.capacity'), dataIndex: 'maxConcurrent', width: 90 },
          {
            title: t('people.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 150,
            render: (at: string | null) =>
              at ? new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : t('people.never'),
          },
          ...(admin
            ? [
                {
                  title: t('wall.col.actions'),
                  key: 'actions',
                  width: 200,
                  render: (_: unknown, person: Person) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => open({ mode: 'edit', person })}>
                        {t('settings.edit')}
                      </Button>
                      <Popconfirm
                        title={t('people.resetConfirm', { name: person.name })}
                        okText={t('people.reset')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => void reset(person)}
                      >
                        <Button size="small">{t('people.reset')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Drawer
        open={editing !== null}
        title={
          editing?.mode === 'edit' ? t('people.editTitle', { name: editing.person.name }) : t('people.invite')
        }
        width={520}
        onClose={() => setEditing(null)}
        extra={
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t(editing?.mode === 'invite' ? 'people.sendInvite' : 'settings.save')}
          </Button>
        }
      >
        {problem && <Alert type="error" showIcon message={problem} className="form-alert" />}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item
            name="name"
            label={t('people.name')}
            rules={[{ required: true, whitespace: true, message: t('people.nameRequired') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          {editing?.mode === 'invite' && (
            <Form.Item
              name="email"
              label={t('people.email')}
              rules={[{ required: true, type: 'email', message: t('people.emailRequired') }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="role" label={t('people.role')}>
            <Select
              disabled={editing?.mode === 'edit' && editing.person.id === me.id}
              options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            />
          </Form.Item>
          <Form.Item name="teamIds" label={t('people.teams')}>
            <Select
              mode="multiple"
              options={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
          <Form.Item name="maxConcurrent" label={t('people.capacity')} extra={t('people.capacityHint')}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          {editing?.mode === 'invite' && (
            <Form.Item name="locale" label={t('people.locale')}>
              <Select
                options={[
                  { value: 'zh', label: t('lang.zh') },
                  { value: 'en', label: t('lang.en') },
                ]}
              />
            </Form.Item>
          )}
          {editing?.mode === 'edit' && (
            <>
              <Form.Item name="skills" label={t('people.skills')} extra={t('people.skillsHint')}>
                <Select mode="tags" maxCount={20} />
              </Form.Item>
              <Form.Item name="languages" label={t('people.languages')}>
                <Checkbox.Group
                  options={[
                    { value: 'zh', label: t('lang.zh') },
                    { value: 'en', label: t('lang.en') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="disabled"
                label={t('people.disable')}
                valuePropName="checked"
                extra={t('people.disableHint')}
              >
                <Switch disabled={editing.person.id === me.id} />
              </Form.Item>
            </>
          )}
        </Form>
      </Drawer>
      <Modal
        open={secret !== null}
        title={t('people.passwordTitle', { name: secret?.name ?? '' })}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('people.passwordDone')}
          </Button>
        }
      >
        <Typography.Paragraph>
          {t(secret?.emailed ? 'people.passwordEmailed' : 'people.passwordOnce')}
        </Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: secret?.password ?? '' }} className="temporary-password">
          <code>{secret?.password}</code>
        </Typography.Paragraph>
      </Modal>
    </section>
  );
}
