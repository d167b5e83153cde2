/**
 * The one script every page loads. Each page says what it is in <body data-page="…">; its
 * module is imported on demand (esbuild splits it into its own chunk). To add a page script,
 * write web/client/<name>.ts exporting `init(): void | Promise<void>` and add a line below.
 */
type PageModule = { init(): void | Promise<void> };

const PAGES: Record<string, () => Promise<PageModule>> = {
  upload: () => import('./upload.ts'),
  imports: () => import('./imports.ts'),
  areas: () => import('./registry.ts'),
  substances: () => import('./registry.ts'),
  account: () => import('./account.ts'),
  admin: () => import('./admin.ts'),
  dashboard: () => import('./dashboard.ts'),
  area: () => import('./dashboard-area.ts'),
  substance: () => import('./dashboard.ts'),
  events: () => import('./events.ts'),
  periods: () => import('./periods.ts'),
  campaigns: () => import('./campaigns.ts'),
  intervention: () => import('./charts.ts'),
  county: () => import('./charts.ts'),
  setup: () => import('./setup.ts'),
  present: () => import('./present.ts'),
  report: () => import('./report.ts'),
};

async function start(): Promise<void> {
  const load = PAGES[document.body.dataset.page ?? ''];
  if (load) await (await load()).init();
  // Tests (and anyone curious) can wait for this before interacting.
  document.body.dataset.ready = 'true';
}

start().catch((e: unknown) => {
  // Visible in the console; the server-rendered page stays usable for reading.
  console.error('page script failed', e);
});
