/**
 * The slice of Apache ECharts the dashboard draws with: line and bar charts on a grid, with tooltip and legend,
 * rendered as SVG (crisp when printed for reports upward). Registering only these keeps the chart chunk small,
 * and this module is imported only by pages that draw charts.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { init };
