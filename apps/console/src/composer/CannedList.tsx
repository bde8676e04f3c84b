import type { CannedReplyView } from '@tandem/protocol';
import { Empty, Spin, Tag } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import type { CannedState } from './useCannedReplies.ts';

interface Props {
  canned: CannedState;
  matches: CannedReplyView[];
  active: number;
  onPick: (reply: CannedReplyView) => void;
  onHover: (index: number) => void;
}

/** The canned replies matching "/…": arrow keys move, Enter or Tab inserts, Esc closes. */
export function CannedList({ canned, matches, active, onPick, onHover }: Props) {
  const { t } = useI18n();
  if (canned.state === 'loading' || canned.state === 'idle')
    return (
      <div className="canned-list canned-state" role="status">
        <Spin size="small" /> {t('canned.loading')}
      </div>
    );
  if (canned.state === 'error')
    return (
      <div className="canned-list canned-state" role="alert">
        {t('canned.error')}
      </div>
    );
  if (matches.length === 0)
    return (
      <div className="canned-list canned-state">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('canned.none')} />
      </div>
    );
  return (
    <div className="canned-list" role="listbox" id="canned-list" aria-label={t('canned.title')}>
      {matches.map((reply, index) => (
        <div
          key={reply.id}
          id={`canned-${reply.id}`}
          role="option"
          tabIndex={-1}
          aria-selected={index === active}
          className={index === active ? 'is-active' : undefined}
          onMouseEnter={() => onHover(index)}
          onMouseDown={(event) => {
            // keep the focus in the composer
            event.preventDefault();
            onPick(reply);
          }}
        >
          <span className="canned-head">
            <code>/{reply.shortcut}</code>
            <span className="canned-title">{reply.title}</span>
            <Tag className="canned-scope" bordered={false}>
              {reply.scope === 'team' && reply.team ? reply.team.name : t(`canned.scope.${reply.scope}`)}
            </Tag>
          </span>
          <span className="canned-body">{reply.body}</span>
        </div>
      ))}
    </div>
  );
}
