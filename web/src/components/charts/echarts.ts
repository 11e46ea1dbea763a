/**
 * The slice of Apache ECharts the reports draw with: line and bar charts on a grid, with a tooltip,
 * rendered as SVG (crisp when printed for reports upward). Registering only these keeps the chart chunk small,
 * and this module is only ever imported dynamically (by MonthlyChart), so it loads with the first chart drawn,
 * never with a page that draws none. The drawing is hidden from assistive technology — the data table beside
 * it carries the figures — so ECharts' aria component is left out, and its key is HTML (no legend component).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { init };
