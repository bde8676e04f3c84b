import type { LlmCall, LlmSettingsBody, LlmSettingsView, LlmTestResult, Me } from '@tandem/protocol';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { llmApi } from '../documents/apiDocuments.ts';
import { DocumentsPanel } from '../documents/DocumentsPanel.tsx';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { showSaveError } from './formErrors.ts';

interface Props {
  me: Me;
  onSessionLost: () => void;
}

type FormValues = Omit<LlmSettingsBody, 'apiKey'> & { apiKey?: string; clearKey?: boolean };

/** Where the common providers' OpenAI-compatible endpoints are (see docs/llm.md). */
const PRESETS: Record<string, { baseUrl: string; chatModel: string; embeddingModel: string | null }> = {
  deepseek: { baseUrl: 'https://api.deepseek.com/v1', chatModel: 'deepseek-chat', embeddingModel: null },
  dashscope: {
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    chatModel: 'qwen-plus',
    embeddingModel: 'text-embedding-v3',
  },
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', chatModel: 'qwen2.5:7b', embeddingModel: 'bge-m3' },
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1', chatModel: 'Qwen/Qwen2.5-7B-Instruct', embeddingModel: null },
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    chatModel: 'gpt-4o-mini',
    embeddingModel: 'text-embedding-3-small',
  },
};

/**
 * The optional language model: provider, model, key (write-only: the console only learns whether one is
 * stored), limits and what it is used for; a connection test, today's usage and the latest calls; and the
 * documents the bot answers from (with or without a model).
 */
export function LlmSettings({ me: _me, onSessionLost }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [view, setView] = useState<LlmSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [test, setTest] = useState<LlmTestResult | null>(null);
  const [calls, setCalls] = useState<LlmCall[]>([]);

  const show = useCallback(
    (next: LlmSettingsView) => {
      setView(next);
      const { hasApiKey: _k, tokensToday: _t, circuit: _c, saved: _s, ...values } = next;
      form.setFieldsValue({ ...values, apiKey: '', clearKey: false });
    },
    [form],
  );
  const loadCalls = useCallback(() => {
    llmApi.calls().then(
      (r) => setCalls(r.calls),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    llmApi.settings().then(show, (error: unknown) => {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      setLoadError(code);
    });
    loadCalls();
  }, [show, loadCalls, onSessionLost]);

  const save = async (values: FormValues) => {
    setSaving(true);
    setProblem(null);
    const { clearKey, apiKey, ...rest } = values;
    const body: LlmSettingsBody = {
      ...rest,
      embeddingModel: rest.embeddingModel?.trim() ? rest.embeddingModel.trim() : null,
      ...(clearKey ? { apiKey: null } : apiKey?.trim() ? { apiKey: apiKey.trim() } : {}),
    };
    try {
      show(await llmApi.save(body));
      message.success(t('llm.saved'));
    } catch (error) {
      setProblem(showSaveError(form, error, t));
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest(await llmApi.test());
    } catch (error) {
      message.error(t(`error.${errorCodeOf(error)}` as MessageKey));
    } finally {
      setTesting(false);
      loadCalls();
      llmApi.settings().then(setView, () => undefined);
    }
  };

  const applyPreset = (name: string) => {
    const preset = PRESETS[name];
    if (preset) form.setFieldsValue(preset);
  };

  return (
    <section className="settings-section" aria-labelledby="llm-title">
      <div className="section-head">
        <div>
          <Typography.Title level={4} id="llm-title">
            {t('settings.llm')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('llm.hint')}</Typography.Paragraph>
        </div>
      </div>
      {loadError && <Alert type="error" showIcon message={t(`error.${loadError}` as MessageKey)} />}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={12}>
          <Card title={t('llm.provider')} size="small">
            {problem && <Alert type="error" showIcon message={problem} className="form-alert" role="alert" />}
            <Form<FormValues>
              form={form}
              layout="vertical"
              disabled={view === null}
              onFinish={(values) => void save(values)}
            >
              <Form.Item
                name="enabled"
                label={t('llm.enabled')}
                valuePropName="checked"
                extra={t('llm.enabledHint')}
              >
                <Switch />
              </Form.Item>
              <Form.Item label={t('llm.preset')}>
                <Select
                  aria-label={t('llm.preset')}
                  placeholder={t('llm.presetPlaceholder')}
                  onChange={applyPreset}
                  options={Object.keys(PRESETS).map((value) => ({
                    value,
                    label: t(`llm.preset.${value}` as MessageKey),
                  }))}
                />
              </Form.Item>
              <Form.Item name="baseUrl" label={t('llm.baseUrl')} rules={[{ required: true, type: 'url' }]}>
                <Input placeholder="https://api.deepseek.com/v1" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="chatModel" label={t('llm.chatModel')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="embeddingModel"
                    label={t('llm.embeddingModel')}
                    extra={t('llm.embeddingHint')}
                  >
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="apiKey"
                label={t('llm.apiKey')}
                extra={view?.hasApiKey ? t('llm.keyStored') : t('llm.keyNone')}
              >
                <Input.Password autoComplete="off" placeholder={view?.hasApiKey ? '••••••••' : ''} />
              </Form.Item>
              {view?.hasApiKey && (
                <Form.Item name="clearKey" valuePropName="checked">
                  <Checkbox>{t('llm.clearKey')}</Checkbox>
                </Form.Item>
              )}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="timeoutMs" label={t('llm.timeoutMs')} rules={[{ required: true }]}>
                    <InputNumber min={500} max={120000} step={500} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="dailyTokenBudget" label={t('llm.budget')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={1_000_000_000} step={10000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text strong>{t('llm.features')}</Typography.Text>
              <Form.Item
                name={['features', 'groundedAnswers']}
                valuePropName="checked"
                label={t('llm.grounded')}
              >
                <Switch />
              </Form.Item>
              <Form.Item
                name={['features', 'botEmbeddings']}
                valuePropName="checked"
                label={t('llm.botEmbeddings')}
                extra={t('llm.botEmbeddingsHint')}
              >
                <Switch />
              </Form.Item>
              <Form.Item
                name={['features', 'agentAssist']}
                valuePropName="checked"
                label={t('llm.agentAssist')}
              >
                <Switch />
              </Form.Item>
              <Form.Item
                name={['features', 'blocklist']}
                label={t('llm.blocklist')}
                extra={t('llm.blocklistHint')}
              >
                <Select mode="tags" tokenSeparators={[',', '，']} aria-label={t('llm.blocklist')} />
              </Form.Item>
              <Form.Item name={['features', 'maxAnswerChars']} label={t('llm.maxAnswerChars')}>
                <InputNumber min={50} max={4000} style={{ width: '100%' }} />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t('llm.save')}
                </Button>
                <Button onClick={() => void runTest()} loading={testing} disabled={!view?.saved}>
                  {t('llm.test')}
                </Button>
              </Space>
            </Form>
            {test && (
              <Alert
                className="form-alert"
                type={test.ok ? 'success' : 'warning'}
                showIcon
                message={
                  test.ok
                    ? t('llm.testOk', { ms: test.latencyMs, sample: test.sample ?? '' })
                    : t('llm.testFailed', { outcome: t(`llm.outcome.${test.outcome}` as MessageKey) })
                }
                description={t(`llm.embeddings.${test.embeddings}` as MessageKey)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('llm.usage')} size="small">
            {view && (
              <Space direction="vertical">
                <Typography.Text>
                  {t('llm.tokensToday', {
                    used: view.tokensToday.toLocaleString(lang),
                    budget: view.dailyTokenBudget.toLocaleString(lang),
                  })}
                </Typography.Text>
                <Space>
                  <Typography.Text>{t('llm.circuit')}</Typography.Text>
                  <Tag
                    color={view.circuit === 'closed' ? 'green' : view.circuit === 'open' ? 'red' : 'orange'}
                  >
                    {t(`llm.circuit.${view.circuit}` as MessageKey)}
                  </Tag>
                </Space>
              </Space>
            )}
            <Table<LlmCall>
              className="llm-calls"
              size="small"
              rowKey={(c) => `${c.at}-${c.purpose}-${c.latencyMs}`}
              dataSource={calls}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              scroll={{ x: true }}
              locale={{ emptyText: t('llm.noCalls') }}
              columns={[
                {
                  title: t('llm.col.at'),
                  dataIndex: 'at',
                  render: (at: string) => new Date(at).toLocaleTimeString(lang),
                },
                {
                  title: t('llm.col.purpose'),
                  dataIndex: 'purpose',
                  render: (p: string) => t(`llm.purpose.${p}` as MessageKey),
                },
                {
                  title: t('llm.col.outcome'),
                  dataIndex: 'outcome',
                  render: (o: string) => (
                    <Tag color={o === 'ok' ? 'green' : 'orange'}>{t(`llm.outcome.${o}` as MessageKey)}</Tag>
                  ),
                },
                { title: t('llm.col.latency'), dataIndex: 'latencyMs', render: (ms: number) => `${ms} ms` },
                {
                  title: t('llm.col.tokens'),
                  key: 'tokens',
                  render: (_: unknown, c: LlmCall) => c.promptTokens + c.completionTokens,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <DocumentsPanel onSessionLost={onSessionLost} />
        </Col>
      </Row>
    </section>
  );
}
