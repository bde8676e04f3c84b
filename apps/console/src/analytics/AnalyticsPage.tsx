import type { Me } from '@tandem/protocol';
import { Spin, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { DemandTab } from '../demand/DemandTab.tsx';
import { QualityTab } from '../demand/QualityTab.tsx';
import { useI18n } from '../I18nProvider.tsx';

// the dashboards carry ECharts: loaded only when the overview is shown
const OverviewTab = lazy(() => import('./OverviewTab.tsx').then((m) => ({ default: m.OverviewTab })));

interface Props {
  me: Me;
  onSessionLost: () => void;
}

type TabKey = 'overview' | 'demand' | 'quality';

/** Analytics: dashboards and exports, demand mining, answer quality (supervisors and admins). */
export function AnalyticsPage({ me, onSessionLost }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<TabKey>('overview');
  return (
    <main className="page analytics-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as TabKey)}
        destroyOnHidden
        items={[
          {
            key: 'overview',
            label: t('analytics.tab.overview'),
            children: (
              <Suspense fallback={<Spin />}>
                <OverviewTab onSessionLost={onSessionLost} />
              </Suspense>
            ),
          },
          {
            key: 'demand',
            label: t('analytics.tab.demand'),
            children: <DemandTab me={me} onSessionLost={onSessionLost} />,
          },
          {
            key: 'quality',
            label: t('analytics.tab.quality'),
            children: <QualityTab me={me} onSessionLost={onSessionLost} />,
          },
        ]}
      />
    </main>
  );
}
