import { CheckCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import type { MessageKey } from '../../i18n.ts';
import { problemText } from './problems.ts';
import type { CheckState } from './useFlowCheck.ts';

/**
 * How the draft stands against the server's checks, kept up to date while typing; with `list`, every
 * problem with its path (the source editor has no fields to show them at).
 */
export function CheckSummary({ check, list }: { check: CheckState; list: boolean }) {
  const { t } = useI18n();
  const { errors, warnings } = check.checked;
  const counts = [
    errors.length > 0 ? t('flowEditor.check.errors', { n: errors.length }) : null,
    warnings.length > 0 ? t('flowEditor.check.warnings', { n: warnings.length }) : null,
  ].filter(Boolean);
  return (
    <div className="flow-check" role="status">
      <Typography.Text type={errors.length > 0 ? 'danger' : warnings.length > 0 ? 'warning' : 'success'}>
        {check.state === 'checking' ? (
          <LoadingOutlined />
        ) : counts.length === 0 && check.state === 'ready' ? (
          <CheckCircleOutlined />
        ) : null}{' '}
        {check.state === 'failed'
          ? t('flowEditor.check.failed', { error: t(`error.${check.code}` as MessageKey) })
          : counts.length > 0
            ? counts.join(' · ')
            : check.state === 'checking'
              ? t('flowEditor.check.checking')
              : t('flowEditor.check.ok')}
      </Typography.Text>
      {list && errors.length + warnings.length > 0 && (
        <ul className="flow-check-list">
          {[...errors, ...warnings].map((p) => (
            <li key={`${p.path}:${p.message}`} className={errors.includes(p) ? 'is-error' : 'is-warning'}>
              <code className="problem-path">{p.path || '(root)'}</code> {problemText(t, p)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
