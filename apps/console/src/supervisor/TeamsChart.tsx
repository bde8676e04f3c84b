import type { SupervisorWall } from '@tandem/protocol';
import { useMemo } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { Chart, type ChartOption } from '../ui/Chart.tsx';

/** Per team: customers waiting, and conversations served against what the people online can take. */
export function TeamsChart({ wall }: { wall: SupervisorWall }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const names = wall.teams.map((team) => team.name);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 96, overflow: 'truncate' } },
      series: [
        {
          name: t('wall.chart.queued'),
          type: 'bar',
          data: wall.teams.map((team) => team.queued),
          color: '#dc2626',
        },
        {
          name: t('wall.chart.load'),
          type: 'bar',
          data: wall.teams.map((team) => team.load),
          color: '#2563eb',
        },
        {
          name: t('wall.chart.capacity'),
          type: 'bar',
          data: wall.teams.map((team) => team.capacity),
          color: '#cbd5e1',
        },
      ],
    };
  }, [wall, t]);
  const label = wall.teams
    .map((team) =>
      t('wall.chart.label', {
        team: team.name,
        queued: team.queued,
        load: team.load,
        capacity: team.capacity,
      }),
    )
    .join('; ');
  return <Chart option={option} label={label} height={Math.max(180, 48 * wall.teams.length + 48)} />;
}
