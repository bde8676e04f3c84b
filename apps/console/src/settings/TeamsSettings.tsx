import { PlusOutlined } from '@ant-design/icons';
import type { BusinessHoursBody, Me, TeamBody, TeamView } from '@tandem/protocol';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { adminApi } from '../apiAdmin.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { showSaveError } from './formErrors.ts';
import { HoursEditor } from './HoursEditor.tsx';

interface Props {
  me: Me;
  teams: TeamView[] | null;
  onChanged: () => void;
  onSessionLost: () => void;
}

type Editing = { mode: 'create' } | { mode: 'edit'; team: TeamView } | null;

/** SLA targets in minutes in the form; seconds on the wire. */
interface Values {
  name: string;
  key?: string | null;
  tier: 1 | 2;
  strategy: TeamBody['strategy'];
  offerTimeoutSeconds: number;
  offlineGraceSeconds: number;
  memberIds: string[];
  fallbackTeamId?: string | null;
  hours: BusinessHoursBody | null;
  useSla: boolean;
  firstNormal: number;
  firstHigh: number;
  firstUrgent: number;
  resolveNormal: number;
  resolveHigh: number;
  resolveUrgent: number;
  nudgeMinutes: number;
  requeueMinutes: number;
}

const strategies: TeamBody['strategy'][] = ['least_busy', 'round_robin', 'manual'];
const minutes = (seconds: number) => Math.round(seconds / 60);

function valuesOf(team: TeamView | null): Values {
  const sla = team?.sla;
  return {
    name: team?.name ?? '',
    key: team?.key ?? null,
    tier: team?.tier ?? 1,
    strategy: team?.strategy ?? 'least_busy',
    offerTimeoutSeconds: team?.offerTimeoutSeconds ?? 30,
    offlineGraceSeconds: team?.offlineGraceSeconds ?? 60,
    memberIds: team?.members.map((member) => member.id) ?? [],
    fallbackTeamId: team?.fallbackTeamId ?? null,
    hours: team?.hours ?? null,
    useSla: Boolean(sla),
    firstNormal: minutes(sla?.firstResponseSeconds.normal ?? 300),
    firstHigh: minutes(sla?.firstResponseSeconds.high ?? 120),
    firstUrgent: minutes(sla?.firstResponseSeconds.urgent ?? 60),
    resolveNormal: minutes(sla?.resolutionSeconds.normal ?? 86_400),
    resolveHigh: minutes(sla?.resolutionSeconds.high ?? 14_400),
    resolveUrgent: minutes(sla?.resolutionSeconds.urgent ?? 3_600),
    nudgeMinutes: minutes(team?.nudgeSeconds ?? 180),
    requeueMinutes: minutes(team?.requeueAfterNudgeSeconds ?? 180),
  };
}

function bodyOf(values: Values): TeamBody {
  return {
    name: values.name,
    key: values.key?.trim() ? values.key.trim() : null,
    tier: values.tier,
    strategy: values.strategy,
    offerTimeoutSeconds: values.offerTimeoutSeconds,
    offlineGraceSeconds: values.offlineGraceSeconds,
    hours: values.hours,
    sla: values.useSla
      ? {
          firstResponseSeconds: {
            normal: values.firstNormal * 60,
            high: values.firstHigh * 60,
            urgent: values.firstUrgent * 60,
          },
          resolutionSeconds: {
            normal: values.resolveNormal * 60,
            high: values.resolveHigh * 60,
            urgent: values.resolveUrgent * 60,
          },
        }
      : null,
    nudgeSeconds: Math.max(30, values.nudgeMinutes * 60),
    requeueAfterNudgeSeconds: Math.max(30, values.requeueMinutes * 60),
    fallbackTeamId: values.fallbackTeamId ?? null,
    memberIds: values.memberIds,
  };
}

/** Teams (skill groups and the expert tier): members, routing, business hours and holidays, SLA targets. */
export function TeamsSettings({ teams, onChanged, onSessionLost }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const [general, setGeneral] = useState<{ hours: BusinessHoursBody | null; open: boolean } | null>(null);
  const [generalDraft, setGeneralDraft] = useState<BusinessHoursBody | null>(null);
  const [form] = Form.useForm<Values>();

  const loadPeople = useCallback(() => {
    adminApi.people().then(
      (list) => setPeople(list.filter((person) => !person.disabled).map(({ id, name }) => ({ id, name }))),
      (error: unknown) => errorCodeOf(error) === 'unauthenticated' && onSessionLost(),
    );
    adminApi.generalHours().then(
      (result) => {
        setGeneral(result);
        setGeneralDraft(result.hours);
      },
      () => setGeneral(null),
    );
  }, [onSessionLost]);
  useEffect(loadPeople, [loadPeople]);

  const open = (next: Editing) => {
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(next?.mode === 'edit' ? next.team : null));
    setEditing(next);
  };

  const save = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      if (editing?.mode === 'edit') await adminApi.updateTeam(editing.team.id, bodyOf(values));
      else await adminApi.createTeam(bodyOf(values));
      message.success(t('settings.saved'));
      setEditing(null);
      onChanged();
    } catch (error) {
      setProblem(showSaveError(form, error, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (team: TeamView) => {
    try {
      await adminApi.removeTeam(team.id);
      message.success(t('settings.removed'));
      onChanged();
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as MessageKey));
    }
  };

  const saveGeneral = async () => {
    try {
      const result = await adminApi.setGeneralHours(generalDraft);
      setGeneral(result);
      message.success(t('settings.saved'));
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as MessageKey));
    }
  };

  const useSla = Form.useWatch('useSla', form);
  const editingId = editing?.mode === 'edit' ? editing.team.id : null;
  return (
    <section className="settings-section" aria-labelledby="teams-title">
      <div className="section-head">
        <div>
          <Typography.Title level={4} id="teams-title">
            {t('settings.teams')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('teams.hint')}</Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })}>
          {t('teams.new')}
        </Button>
      </div>
      <Table<TeamView>
        size="small"
        rowKey="id"
        loading={teams === null}
        dataSource={teams ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('wall.noTeams') }}
        columns={[
          { title: t('teams.name'), dataIndex: 'name', ellipsis: true },
          {
            title: t('teams.key'),
            dataIndex: 'key',
            width: 120,
            render: (key: string | null) => (key ? <code>{key}</code> : t('common.none')),
          },
          {
            title: t('teams.tier'),
            dataIndex: 'tier',
            width: 100,
            render: (tier: 1 | 2) => (
              <Tag color={tier === 2 ? 'purple' : 'blue'}>
                {t(tier === 2 ? 'teams.tier2' : 'teams.tier1')}
              </Tag>
            ),
          },
          {
            title: t('teams.strategy'),
            dataIndex: 'strategy',
            width: 120,
            render: (strategy: TeamBody['strategy']) => t(`teams.strategy.${strategy}`),
          },
          {
            title: t('teams.members'),
            key: 'members',
            width: 90,
            render: (_: unknown, team) => team.members.length,
          },
          {
            title: t('teams.hours'),
            key: 'hours',
            width: 150,
            render: (_: unknown, team) =>
              team.hours === null ? (
                <Tag color="green">{t('hours.always')}</Tag>
              ) : (
                <Tag color={team.open ? 'green' : 'default'}>
                  {t(team.open ? 'teams.openNow' : 'teams.closedNow')}
                </Tag>
              ),
          },
          {
            title: t('wall.col.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, team) => (
              <Space size={4}>
                <Button size="small" onClick={() => open({ mode: 'edit', team })}>
                  {t('settings.edit')}
                </Button>
                <Popconfirm
                  title={t('teams.removeConfirm', { name: team.name })}
                  okText={t('settings.remove')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void remove(team)}
                >
                  <Button size="small" danger>
                    {t('settings.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" className="general-hours" title={t('teams.generalHours')}>
        <Typography.Paragraph type="secondary">{t('teams.generalHint')}</Typography.Paragraph>
        {general === null ? (
          <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
        ) : (
          <>
            <HoursEditor value={generalDraft} onChange={setGeneralDraft} />
            <Button type="primary" size="small" className="general-save" onClick={() => void saveGeneral()}>
              {t('teams.saveGeneral')}
            </Button>
          </>
        )}
      </Card>
      <Drawer
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('teams.editTitle', { name: editing.team.name }) : t('teams.new')}
        width={620}
        onClose={() => setEditing(null)}
        extra={
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('settings.save')}
          </Button>
        }
      >
        {problem && <Alert type="error" showIcon message={problem} className="form-alert" />}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)}>
          <Form.Item
            name="name"
            label={t('teams.name')}
            rules={[{ required: true, whitespace: true, message: t('teams.nameRequired') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('teams.key')}
            extra={t('teams.keyHint')}
            rules={[{ pattern: /^[a-z0-9][a-z0-9_-]{0,39}$/, message: t('teams.keyPattern') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="tier" label={t('teams.tier')}>
            <Radio.Group>
              <Radio value={1}>{t('teams.tier1')}</Radio>
              <Radio value={2}>{t('teams.tier2')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="memberIds" label={t('teams.members')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={people.map((person) => ({ value: person.id, label: person.name }))}
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="strategy" label={t('teams.strategy')}>
              <Select
                style={{ width: 160 }}
                options={strategies.map((strategy) => ({
                  value: strategy,
                  label: t(`teams.strategy.${strategy}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="offerTimeoutSeconds" label={t('teams.offerTimeout')}>
              <InputNumber min={5} max={3600} addonAfter={t('teams.seconds')} />
            </Form.Item>
            <Form.Item name="offlineGraceSeconds" label={t('teams.offlineGrace')}>
              <InputNumber min={0} max={86_400} addonAfter={t('teams.seconds')} />
            </Form.Item>
          </Space>
          <Form.Item name="fallbackTeamId" label={t('teams.fallback')} extra={t('teams.fallbackHint')}>
            <Select
              allowClear
              options={(teams ?? [])
                .filter((team) => team.id !== editingId)
                .map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
          <Form.Item name="hours" label={t('teams.hours')}>
            <HoursEditor />
          </Form.Item>
          <Form.Item name="useSla" label={t('teams.sla')}>
            <Radio.Group>
              <Radio value={false}>{t('teams.slaDefault')}</Radio>
              <Radio value={true}>{t('teams.slaCustom')}</Radio>
            </Radio.Group>
          </Form.Item>
          {useSla && (
            <table className="sla-table">
              <thead>
                <tr>
                  <th />
                  <th>{t('teams.band.normal')}</th>
                  <th>{t('teams.band.high')}</th>
                  <th>{t('teams.band.urgent')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('teams.firstResponse')}</th>
                  {(['firstNormal', 'firstHigh', 'firstUrgent'] as const).map((name) => (
                    <td key={name}>
                      <Form.Item name={name} noStyle>
                        <InputNumber
                          min={1}
                          max={43_200}
                          addonAfter={t('teams.minutes')}
                          aria-label={`${t('teams.firstResponse')} ${name}`}
                        />
                      </Form.Item>
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('teams.resolution')}</th>
                  {(['resolveNormal', 'resolveHigh', 'resolveUrgent'] as const).map((name) => (
                    <td key={name}>
                      <Form.Item name={name} noStyle>
                        <InputNumber
                          min={1}
                          max={43_200}
                          addonAfter={t('teams.minutes')}
                          aria-label={`${t('teams.resolution')} ${name}`}
                        />
                      </Form.Item>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          )}
          <Space size="large" wrap>
            <Form.Item name="nudgeMinutes" label={t('teams.nudge')} extra={t('teams.nudgeHint')}>
              <InputNumber min={1} max={1440} addonAfter={t('teams.minutes')} />
            </Form.Item>
            <Form.Item name="requeueMinutes" label={t('teams.requeue')}>
              <InputNumber min={1} max={1440} addonAfter={t('teams.minutes')} />
            </Form.Item>
          </Space>
        </Form>
      </Drawer>
    </section>
  );
}
