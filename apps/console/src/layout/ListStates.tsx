import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ClientErrorCode } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';

/** A list still loading: grey lines where rows will be, and the words for screen readers. */
export function ListLoading({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div className="list-state" role="status">
      <span className="sr-only">{label}</span>
      <Skeleton active title={false} paragraph={{ rows }} />
    </div>
  );
}

/** A list that could not load: why, in the reader's words, and a way to try again. */
export function ListError({ code, onRetry }: { code: ClientErrorCode; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="list-state">
      <Alert
        type="error"
        showIcon
        title={t('admin.loadError')}
        description={t(`error.${code}`)}
        action={
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}

/** Nothing to list, said plainly. */
export function ListEmpty({ text }: { text: string }) {
  return (
    <div className="list-state">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
    </div>
  );
}
