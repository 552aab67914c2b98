import type { DashboardFiles } from './dashboard-routes.js';

/** The dashboard package says where its files are (its `publicDir` and `echartsFile` exports). */
export async function dashboardFiles(): Promise<DashboardFiles> {
  const { publicDir, echartsFile } = await import('@kaoping/dashboard');
  return { publicDir, echartsFile };
}
