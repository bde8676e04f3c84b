import { useMemo } from 'react';
import { Chart } from '../ui/Chart.tsx';

/** A topic's questions per day, as a small line without axes. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, min: 0 },
      tooltip: { show: false },
      series: [
        {
          type: 'line',
          data: values,
          symbol: 'none',
          lineStyle: { width: 1.5 },
          areaStyle: { opacity: 0.15 },
        },
      ],
    }),
    [values],
  );
  return <Chart option={option} label={label} height={40} />;
}
