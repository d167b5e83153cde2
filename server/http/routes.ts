import type { Hono } from 'hono';
import type { AppEnv } from './types.ts';
import { staticRoutes } from './pages/static.ts';
import { sessionPages } from './pages/session.ts';
import { dashboardPages } from './pages/dashboard.ts';
import { uploadPages } from './pages/upload.ts';
import { importPages } from './pages/imports.ts';
import { registryPages } from './pages/registry.ts';
import { accountPages } from './pages/account.ts';
import { areaPages } from './pages/area.ts';
import { substancePages } from './pages/substance.ts';
import { eventPages } from './pages/events.ts';
import { periodPages } from './pages/periods.ts';

/**
 * Route modules beyond the foundation (stats, charts, pages, reports), listed in one place so
 * that the app, and the access-control test that walks its router, see every one of them.
 */
export const extraRoutes: { api: (() => Hono<AppEnv>)[]; pages: (() => Hono<AppEnv>)[] } = {
  api: [],
  pages: [staticRoutes, sessionPages, dashboardPages, uploadPages, importPages, registryPages, accountPages, areaPages, substancePages, eventPages, periodPages],
};
import { reportRoutes } from './api/reports.ts'; import { reportPages } from './pages/report.ts'; extraRoutes.api.push(reportRoutes); extraRoutes.pages.push(reportPages);
import { adminPages } from './pages/admin.ts'; extraRoutes.pages.push(adminPages);
import { roundsRoutes } from './api/rounds.ts'; extraRoutes.api.push(roundsRoutes);
import { campaignRoutes } from './api/campaigns.ts'; extraRoutes.api.push(campaignRoutes);
import { campaignPages } from './pages/campaigns.ts'; extraRoutes.pages.push(campaignPages);
import { interventionRoutes } from './api/interventions.ts'; import { interventionPages } from './pages/interventions.ts'; extraRoutes.api.push(interventionRoutes); extraRoutes.pages.push(interventionPages);
import { followUpReportRoutes } from './api/followup-reports.ts'; extraRoutes.api.push(followUpReportRoutes);
import { setupRoutes } from './api/setup.ts'; import { setupPages } from './pages/setup.ts'; extraRoutes.api.push(setupRoutes); extraRoutes.pages.push(setupPages);
import { methodSettingsRoutes } from './api/method-settings.ts'; import { methodSettingsPages } from './pages/method-settings.ts'; extraRoutes.api.push(methodSettingsRoutes); extraRoutes.pages.push(methodSettingsPages);
import { reportJobRoutes } from './api/report-jobs.ts'; extraRoutes.api.push(reportJobRoutes);
import { helpPages } from './pages/help.ts'; extraRoutes.pages.push(helpPages);
import { countyReportRoutes } from './api/county-report.ts'; import { countyPages } from './pages/county.ts'; extraRoutes.api.push(countyReportRoutes); extraRoutes.pages.push(countyPages);
