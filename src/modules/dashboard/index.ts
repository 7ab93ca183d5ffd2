/** Public surface of the dashboard module (县"双减"工作看板): other modules import only from here. */
export { DashboardModule } from './dashboard.module';
export { DashboardService, DashboardKpi } from './dashboard.service';
export type { Dashboard, Ratio, TrendPoint } from './dashboard.service';
