import { EditOutlined } from '@ant-design/icons';
import { draftRewriteResultSchema } from '@tandem/protocol';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { errorCodeOf, request } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

type Action = 'warmer' | 'concise' | 'translate';

/**
 * "Warmer / more concise / translate" on the agent's own draft, by the workspace's language model; the
 * draft is replaced only when the model gives a rewrite that keeps its facts (else it stays as typed).
 */
export function DraftActions({
  conversationId,
  text,
  onRewrite,
}: {
  conversationId: string;
  text: string;
  onRewrite: (text: string) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const rewrite = async (action: Action) => {
    setBusy(true);
    try {
      const target = /\p{Script=Han}/u.test(text) ? 'en' : 'zh';
      const result = await request(
        'POST',
        `/api/conversations/${conversationId}/draft/rewrite`,
        draftRewriteResultSchema,
        { text, action, ...(action === 'translate' ? { target } : {}) },
      );
      onRewrite(result.text);
    } catch (error) {
      const code = errorCodeOf(error);
      message.warning(t(code === 'llm_unavailable' ? 'draft.unavailable' : (`error.${code}` as MessageKey)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      disabled={!text.trim() || busy}
      trigger={['click']}
      menu={{
        items: (['warmer', 'concise', 'translate'] as const).map((key) => ({
          key,
          label: t(`draft.${key}`),
        })),
        onClick: ({ key }) => void rewrite(key as Action),
      }}
    >
      <Button
        type="text"
        size="small"
        icon={<EditOutlined />}
        loading={busy}
        aria-label={
          busy
            ? t('draft.rewriting')
            : `${t('draft.warmer')} / ${t('draft.concise')} / ${t('draft.translate')}`
        }
        lang={lang}
      />
    </Dropdown>
  );
}
