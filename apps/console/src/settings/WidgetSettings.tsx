import {
  defaultWidgetAppearance,
  type Me,
  type WidgetAppearance,
  widgetAppearanceResponseSchema,
} from '@tandem/protocol';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  ColorPicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { canAdminister } from '../admin/access.ts';
import { errorCodeOf, request } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { showSaveError } from './formErrors.ts';
import { WidgetPreview } from './WidgetPreview.tsx';

type Load = { state: 'loading' } | { state: 'ready' } | { state: 'error'; code: string };

/** The embed code for this workspace, pointing at the server this console came from. */
export function embedCode(origin: string, workspace: string): string {
  return `<script src="${origin}/widget.js" data-workspace="${workspace}" async></script>`;
}

/**
 * The customer widget's look: colour, corner, greeting, languages, elder-friendly mode, with a live preview
 * of unsaved changes and the code to paste into the shop's pages. Saved, it applies from the next page view.
 */
export function WidgetSettings({ me, onSessionLost }: { me: Me; onSessionLost: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<WidgetAppearance>();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const values = Form.useWatch([], form) as WidgetAppearance | undefined;
  const editable = canAdminister(me.role);

  useEffect(() => {
    request('GET', '/api/admin/widget', widgetAppearanceResponseSchema).then(
      ({ appearance }) => {
        form.setFieldsValue(appearance);
        setLoad({ state: 'ready' });
      },
      (error: unknown) => {
        const code = errorCodeOf(error);
        if (code === 'unauthenticated') onSessionLost();
        setLoad({ state: 'error', code });
      },
    );
  }, [form, onSessionLost]);

  const save = async (next: WidgetAppearance) => {
    setSaving(true);
    setProblem(null);
    try {
      const { appearance } = await request('PUT', '/api/admin/widget', widgetAppearanceResponseSchema, next);
      form.setFieldsValue(appearance);
      message.success(t('widget.saved'));
    } catch (error) {
      setProblem(showSaveError(form, error, t));
    } finally {
      setSaving(false);
    }
  };

  const shown: WidgetAppearance = { ...defaultWidgetAppearance, ...values };
  return (
    <section className="settings-section" aria-labelledby="widget-title">
      <div className="section-head">
        <div>
          <Typography.Title level={4} id="widget-title">
            {t('settings.widget')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('widget.hint')}</Typography.Paragraph>
        </div>
      </div>
      {load.state === 'error' && (
        <Alert type="error" showIcon message={t(`error.${load.code}` as MessageKey)} />
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          {problem && <Alert type="error" showIcon message={problem} className="form-alert" role="alert" />}
          <Form<WidgetAppearance>
            form={form}
            layout="vertical"
            disabled={!editable || load.state !== 'ready'}
            initialValues={defaultWidgetAppearance}
            onFinish={(next) => void save(next)}
          >
            <Form.Item
              name="color"
              label={t('widget.color')}
              getValueFromEvent={(colour: { toHexString: () => string }) => colour.toHexString()}
            >
              <ColorPicker showText disabledAlpha aria-label={t('widget.color')} />
            </Form.Item>
            <Form.Item name="position" label={t('widget.position')}>
              <Radio.Group>
                <Radio value="right">{t('widget.right')}</Radio>
                <Radio value="left">{t('widget.left')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name={['greeting', 'zh']}
              label={t('widget.greetingZh')}
              extra={t('widget.greetingHint')}
            >
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
            <Form.Item name={['greeting', 'en']} label={t('widget.greetingEn')}>
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
            <Form.Item
              name="languages"
              label={t('widget.languages')}
              extra={t('widget.languagesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('widget.languagesRequired') }]}
            >
              <Select
                mode="multiple"
                options={[
                  { value: 'zh', label: t('lang.zh') },
                  { value: 'en', label: t('lang.en') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="elder"
              label={t('widget.elder')}
              valuePropName="checked"
              extra={t('widget.elderHint')}
            >
              <Switch />
            </Form.Item>
            {editable && (
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('settings.save')}
              </Button>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('widget.preview')}>
            <WidgetPreview
              appearance={shown}
              lang={shown.languages.includes(lang) ? lang : (shown.languages[0] ?? lang)}
            />
          </Card>
          <Card size="small" title={t('widget.embed')} className="widget-embed">
            <Typography.Paragraph type="secondary">{t('widget.embedHint')}</Typography.Paragraph>
            <Typography.Paragraph copyable className="embed-code">
              <code>{embedCode(window.location.origin, me.workspace.slug)}</code>
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </section>
  );
}
