/** Names of the audit log's actions, as the admin page shows them (the log stores the code). */
import type { Lang } from './lang.ts';

export const AUDIT_ACTIONS: Record<Lang, Record<string, string>> = {
  sv: {
    login: 'Inloggning', login_failed: 'Misslyckad inloggning', import: 'Import', retract: 'Återkallad import', backup: 'Säkerhetskopia',
    area_updated: 'Område ändrat', substance_updated: 'Ämne ändrat', event_created: 'Händelse tillagd', event_removed: 'Händelse borttagen',
    period_created: 'Period tillagd', period_removed: 'Period borttagen', report_exported: 'Rapport skapad', organisation_created: 'Organisation skapad',
    password_changed: 'Lösenord bytt', token_created: 'API-nyckel skapad', token_revoked: 'API-nyckel återkallad',
    user_created: 'Användare skapad', user_disabled: 'Användare avstängd', user_updated: 'Användare ändrad',
  },
  en: {
    login: 'Login', login_failed: 'Failed login', import: 'Import', retract: 'Import retracted', backup: 'Backup',
    area_updated: 'Area changed', substance_updated: 'Substance changed', event_created: 'Event added', event_removed: 'Event removed',
    period_created: 'Period added', period_removed: 'Period removed', report_exported: 'Report generated', organisation_created: 'Organisation created',
    password_changed: 'Password changed', token_created: 'API token created', token_revoked: 'API token revoked',
    user_created: 'User created', user_disabled: 'User disabled', user_updated: 'User changed',
  },
};

/** The action's label in `lang`; an action without one shows its code. */
export function auditActionLabel(action: string, lang: Lang): string {
  return AUDIT_ACTIONS[lang][action] ?? action;
}

/** An audit target as the admin page shows it: `batch:12` is "import nr 12" in Swedish; others as stored. */
export function auditTargetLabel(target: string | null, lang: Lang): string {
  if (!target) return '';
  const batch = /^batch:(\d+)$/.exec(target);
  return batch && lang === 'sv' ? `import nr ${batch[1]}` : target;
}
