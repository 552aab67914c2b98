import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the server needs to serve the dashboard: the folder of static files (`/`) and the
 * ECharts browser bundle (`/assets/echarts.min.js`). The page has no build step, so both are
 * plain files on disk; paths are computed from this module so they hold from src/ and dist/.
 */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the dashboard's static files (index.html, js/, css/). */
export const publicDir: string = join(packageRoot, 'public');

/** Absolute path of ECharts' minified browser bundle, resolved from this package's dependencies. */
export const echartsFile: string = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
