/** Names of the audit log's actions, as the admin page shows them in its table (the log stores the code). Lower case, as a log reads. */
import type { Lang } from './lang.ts';

export const AUDIT_ACTIONS: Record<Lang, Record<string, string>> = {
  sv: {
    login: 'inloggning', login_failed: 'misslyckad inloggning', import: 'import', retract: 'återkallad import', backup: 'säkerhetskopia',
    area_updated: 'område ändrat', substance_updated: 'ämne ändrat', event_created: 'händelse tillagd', event_removed: 'händelse borttagen',
    period_created: 'period tillagd', period_removed: 'period borttagen', report_exported: 'rapport skapad', organisation_created: 'organisation skapad', organisation_renamed: 'organisation bytt namn', first_run_completed: 'första start klar',
    import_rejected: 'import avvisad',
    boundaries_uploaded: 'områdesgränser uppladdade', campaigns_synced: 'kampanjer uppdaterade',
    password_changed: 'lösenord bytt', token_created: 'API-nyckel skapad', token_revoked: 'API-nyckel återkallad',
    user_created: 'användare skapad', user_disabled: 'användare avstängd', user_updated: 'användare ändrad',
  },
  en: {
    login: 'login', login_failed: 'failed login', import: 'import', retract: 'import retracted', backup: 'backup',
    area_updated: 'area changed', substance_updated: 'substance changed', event_created: 'event added', event_removed: 'event removed',
    period_created: 'period added', period_removed: 'period removed', report_exported: 'report generated', organisation_created: 'organisation created', organisation_renamed: 'organisation renamed', first_run_completed: 'first run completed',
    import_rejected: 'import refused',
    boundaries_uploaded: 'area boundaries uploaded', campaigns_synced: 'campaigns updated',
    password_changed: 'password changed', token_created: 'API token created', token_revoked: 'API token revoked',
    user_created: 'user created', user_disabled: 'user disabled', user_updated: 'user changed',
  },
};

/** The action's label in `lang`; an action without one shows its code. */
export function auditActionLabel(action: string, lang: Lang): string {
  return AUDIT_ACTIONS[lang][action] ?? action;
}

const TARGET_SV: Record<string, string> = { batch: 'import', event: 'händelse', period: 'period', campaign: 'kampanj', user: 'användare' };

/** An audit target as the admin page shows it: `batch:12` is "import nr 12", `event:3` "händelse nr 3" in Swedish; others as stored. */
export function auditTargetLabel(target: string | null, lang: Lang): string {
  if (!target) return '';
  const m = /^(\w+):(\d+)$/.exec(target);
  return m && lang === 'sv' && TARGET_SV[m[1]] ? `${TARGET_SV[m[1]]} nr ${m[2]}` : target;
}
