/**
 * Public surface of the dashboard module (县"双减"工作看板): a leaf that nothing imports; the app mounts
 * its module (which exports nothing), and its resolver is its only caller.
 */
export { DashboardModule } from './dashboard.module';
