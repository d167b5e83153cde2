import type { Hono } from 'hono';
import { ReportPage } from '../../../web/pages/report.tsx';
import { reportCampaigns, reportChoices } from '../../usecases/report.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** The report page: choose period, areas, substances, language and format; the form asks the reports API. */
export function reportPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/report', requireRole('coordinator'), async (c) => {
    return renderPage(c, ReportPage, { ...(await reportChoices(c.get('ctx'), c.get('caller')!, requestLang(c))), campaigns: await reportCampaigns(c.get('ctx'), c.get('caller')!) });
  });
  return r;
}
