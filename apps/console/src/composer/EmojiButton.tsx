import { SmileOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { useState } from 'react';
import { useI18n } from '../I18nProvider.tsx';

/** The emoji agents use with customers most; a short list beats a 3,000-item picker in a service reply. */
const emoji = [
  '😊',
  '🙂',
  '😀',
  '😄',
  '😉',
  '🙏',
  '👍',
  '👌',
  '👏',
  '🤝',
  '💪',
  '🎉',
  '❤️',
  '💯',
  '✅',
  '✔️',
  '⭐',
  '🌟',
  '🔥',
  '💡',
  '📦',
  '🚚',
  '📱',
  '💳',
  '🧾',
  '📧',
  '📞',
  '⏰',
  '⌛',
  '📝',
  '🔍',
  '🔧',
  '😅',
  '😢',
  '😔',
  '🙇',
];

export function EmojiButton({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <fieldset className="emoji-grid" aria-label={t('composer.emoji')}>
          {emoji.map((item) => (
            <button
              key={item}
              type="button"
              className="emoji"
              aria-label={item}
              onClick={() => {
                onPick(item);
                setOpen(false);
              }}
            >
              {item}
            </button>
          ))}
        </fieldset>
      }
    >
      <Button
        type="text"
        size="small"
        icon={<SmileOutlined />}
        aria-label={t('composer.emoji')}
        disabled={disabled}
      />
    </Popover>
  );
}
