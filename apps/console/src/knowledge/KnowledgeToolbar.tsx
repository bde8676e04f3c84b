import { DownloadOutlined, ExperimentOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Switch } from 'antd';
import { knowledgeApi } from '../apiKnowledge.ts';
import { useI18n } from '../I18nProvider.tsx';

interface Props {
  /** the open entry, if any: its history and its on/off switch */
  entry: { id: string; enabled: boolean } | null;
  onTry: () => void;
  onImport: () => void;
  onHistory: (id: string) => void;
  onEnabled: (id: string, enabled: boolean) => void;
}

/** The knowledge base's tools: try the bot, import and export files, an entry's history and switch. */
export function KnowledgeToolbar({ entry, onTry, onImport, onHistory, onEnabled }: Props) {
  const { t } = useI18n();
  return (
    <div className="knowledge-toolbar" role="toolbar" aria-label={t('knowledge.tools')}>
      <Space wrap size={8}>
        <Button icon={<ExperimentOutlined />} onClick={onTry}>
          {t('tryit.open')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={onImport}>
          {t('import.open')}
        </Button>
        <Dropdown
          menu={{
            items: (['xlsx', 'csv', 'json'] as const).map((format) => ({
              key: format,
              label: (
                <a href={knowledgeApi.exportHref(format)} download>
                  {t(`export.${format}`)}
                </a>
              ),
            })),
          }}
        >
          <Button icon={<DownloadOutlined />}>{t('export.open')}</Button>
        </Dropdown>
      </Space>
      {entry && (
        <Space wrap size={8} className="knowledge-entry-tools">
          <span className="knowledge-enabled">
            <Switch
              size="small"
              checked={entry.enabled}
              aria-label={t('knowledge.enabled')}
              onChange={(enabled) => onEnabled(entry.id, enabled)}
            />
            <span aria-hidden="true">{t(entry.enabled ? 'knowledge.enabled' : 'knowledge.disabled')}</span>
          </span>
          <Button icon={<HistoryOutlined />} onClick={() => onHistory(entry.id)}>
            {t('versions.open')}
          </Button>
        </Space>
      )}
    </div>
  );
}
